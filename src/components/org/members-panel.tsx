"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { memberRoles, type MemberRole } from "@/domain/schemas/organization";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import type { AppRouter } from "@/server/api/root";
import type { inferRouterOutputs } from "@trpc/server";
import { dateFormat } from "./display";

type Member = inferRouterOutputs<AppRouter>["organization"]["members"][number];

const roleVariant = { owner: "default", admin: "secondary", member: "outline" } as const;

export function RoleBadge({ role }: { role: MemberRole }) {
  const t = useTranslations("common.roles");
  return (
    <Badge variant={roleVariant[role]} data-testid="role-badge" data-role={role}>
      {t(role)}
    </Badge>
  );
}

/**
 * Owners change roles and remove anyone; admins remove members; everyone may leave. The list comes
 * from the server page and is re-read with router.refresh(): the members query takes no input, so a
 * client cache keyed on it could show the previous organisation's team after a switch.
 */
export function MembersPanel({ members, viewerRole, viewerUserId }: { members: Member[]; viewerRole: MemberRole; viewerUserId: string }) {
  const t = useTranslations("org.members");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  const report = (e: unknown) => {
    const info = errorInfo(e);
    setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
  };
  const afterChange = (text: string) => {
    setStatus({ kind: "success", text });
    router.refresh();
  };
  const changeRole = useMutation(trpc.organization.changeRole.mutationOptions({ onError: report }));
  const remove = useMutation(trpc.organization.removeMember.mutationOptions({ onError: report }));

  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite">{status ? <Alert variant={status.kind}>{status.text}</Alert> : null}</div>
      <ul className="flex flex-col divide-y" aria-label={t("listLabel")} data-testid="members-list">
        {members.map((m) => (
          <MemberRow
            key={m.id}
            member={m}
            isSelf={m.userId === viewerUserId}
            canChangeRole={viewerRole === "owner"}
            canRemove={m.userId === viewerUserId || viewerRole === "owner" || (viewerRole === "admin" && m.role === "member")}
            busy={changeRole.isPending || remove.isPending}
            onChangeRole={(role, revert) =>
              changeRole.mutate(
                { membershipId: m.id, role },
                {
                  onSuccess: () => afterChange(t("roleChanged", { name: m.name, role: tAll(`common.roles.${role}`) })),
                  onError: revert,
                },
              )
            }
            onRemove={() =>
              remove.mutate(
                { membershipId: m.id },
                { onSuccess: () => afterChange(m.userId === viewerUserId ? t("left") : t("removed", { name: m.name })) },
              )
            }
          />
        ))}
      </ul>
    </div>
  );
}

function MemberRow({
  member,
  isSelf,
  canChangeRole,
  canRemove,
  busy,
  onChangeRole,
  onRemove,
}: {
  member: Member;
  isSelf: boolean;
  canChangeRole: boolean;
  canRemove: boolean;
  busy: boolean;
  /** `revert` puts the select back when the server refuses the change. */
  onChangeRole: (role: MemberRole, revert: () => void) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("org.members");
  const tRoles = useTranslations("common.roles");
  const format = useFormatter();
  const [role, setRole] = useState<MemberRole>(member.role);
  const [confirming, setConfirming] = useState(false);
  const contact = [member.email, member.phone].filter(Boolean).join(" · ");
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 md:flex-row md:items-center md:justify-between" data-testid="member-row" data-email={member.email ?? undefined}>
      <div className="flex min-w-0 items-start gap-3">
        <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-secondary font-semibold text-secondary-foreground" aria-hidden="true">
          {member.name.slice(0, 1).toUpperCase()}
        </span>
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <span className="break-words">{member.name}</span>
            {isSelf ? <span className="text-xs font-normal text-muted-foreground">{t("you")}</span> : null}
            <RoleBadge role={member.role} />
          </p>
          {contact ? <p className="break-all text-sm text-muted-foreground">{contact}</p> : null}
          <p className="text-xs text-muted-foreground">{t("joined", { date: format.dateTime(member.createdAt, dateFormat) })}</p>
        </div>
      </div>
      {canChangeRole || canRemove ? (
        <div className="flex flex-wrap items-end gap-2 md:justify-end">
          {canChangeRole ? (
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (role !== member.role) onChangeRole(role, () => setRole(member.role));
              }}
            >
              <div className="w-32">
                <Field label={<>{t("role")}<span className="sr-only"> · {member.name}</span></>}>
                  <Select value={role} onChange={(e) => setRole(e.target.value as MemberRole)} data-testid="member-role-select">
                    {memberRoles.map((r) => (
                      <option key={r} value={r}>
                        {tRoles(r)}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              <Button type="submit" variant="outline" disabled={busy || role === member.role} aria-label={t("applyRoleFor", { name: member.name })}>
                {t("applyRole")}
              </Button>
            </form>
          ) : null}
          {canRemove ? (
            confirming ? (
              <div className="flex items-center gap-2" role="group" aria-label={isSelf ? t("confirmLeave") : t("confirmRemove", { name: member.name })}>
                <Button type="button" size="sm" variant="destructive" disabled={busy} onClick={onRemove} data-testid="confirm-remove-member" autoFocus>
                  {isSelf ? t("confirmLeaveButton") : t("confirmRemoveButton")}
                </Button>
                <Button type="button" size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                  {t("cancel")}
                </Button>
              </div>
            ) : (
              <Button
                type="button"
                size="sm"
                variant="ghost"
                className="text-destructive hover:text-destructive"
                onClick={() => setConfirming(true)}
                aria-label={isSelf ? t("leave") : t("removeName", { name: member.name })}
                data-testid="remove-member"
              >
                {isSelf ? t("leave") : t("remove")}
              </Button>
            )
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
