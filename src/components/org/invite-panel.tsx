"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Check, Copy, MailPlus } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { emailSchema } from "@/domain/schemas/common";
import { memberRoleSchema, memberRoles, type MemberRole } from "@/domain/schemas/organization";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import type { AppRouter } from "@/server/api/root";
import { dateFormat } from "./display";
import { RoleBadge } from "./members-panel";

type Invitation = inferRouterOutputs<AppRouter>["organization"]["invitations"][number];

const inviteSchema = z.object({ email: emailSchema, role: memberRoleSchema });
type InviteValues = z.output<typeof inviteSchema>;

/** Invite by e-mail, then list and revoke pending invitations (re-read with router.refresh()). Owners and admins only. */
export function InvitePanel({ invitations, viewerRole, mailDelivered }: { invitations: Invitation[]; viewerRole: MemberRole; mailDelivered: boolean }) {
  const t = useTranslations("org.invite");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const format = useFormatter();
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [listStatus, setListStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useForm<z.input<typeof inviteSchema>, unknown, InviteValues>({ resolver: zodResolver(inviteSchema), defaultValues: { email: "", role: "member" } });
  const refresh = () => router.refresh();

  const invite = useMutation(
    trpc.organization.invite.mutationOptions({
      onSuccess: (result, vars) => {
        setSent({ email: vars.email, link: result.link });
        setCopied(false);
        form.reset({ email: "", role: vars.role });
        refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        applyServerErrors(info, form.setError);
        const first = Object.keys(info.fields)[0];
        if (first) form.setFocus(first as Parameters<typeof form.setFocus>[0]);
        if (Object.keys(info.fields).length === 0) setFormError(translateKey(tAll, info.key, info.params));
      },
    }),
  );
  const revoke = useMutation(
    trpc.organization.revokeInvitation.mutationOptions({
      onError: (e) => {
        const info = errorInfo(e);
        setListStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
      },
    }),
  );
  const roles = memberRoles.filter((r) => r !== "owner" || viewerRole === "owner");
  const list = invitations;
  const errors = form.formState.errors;
  const chosenRole = useWatch({ control: form.control, name: "role" });

  return (
    <div className="flex flex-col gap-6">
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((v) => {
          setSent(null);
          setFormError(null);
          invite.mutate(v);
        })}
      >
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
          <Field label={t("email")} error={errors.email?.message} required>
            <Input type="email" autoComplete="off" inputMode="email" placeholder="name@example.com" data-testid="invite-email" {...form.register("email")} />
          </Field>
          <Field label={t("role")} error={errors.role?.message} hint={t(`roleHints.${chosenRole ?? "member"}`)}>
            <Select data-testid="invite-role" {...form.register("role")}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {tAll(`common.roles.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {formError ? <Alert variant="error">{formError}</Alert> : null}
        <Button type="submit" disabled={invite.isPending} className="self-start" data-testid="invite-submit">
          <MailPlus className="h-4 w-4" aria-hidden="true" />
          {invite.isPending ? t("sending") : t("send")}
        </Button>
        <div aria-live="polite">
          {sent ? (
            <Alert variant="success" data-testid="invite-success">
              <p className="font-medium">{t("sent", { email: sent.email })}</p>
              <p className="mt-1">{t("linkIntro")}</p>
              <div className="mt-2 flex gap-2">
                <Input readOnly value={sent.link} aria-label={t("linkLabel")} className="h-9 bg-white font-mono text-xs" data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
                <Button
                  type="button"
                  size="sm"
                  variant="outline"
                  onClick={() => {
                    void navigator.clipboard?.writeText(sent.link).then(() => setCopied(true));
                  }}
                >
                  {copied ? <Check className="h-4 w-4" aria-hidden="true" /> : <Copy className="h-4 w-4" aria-hidden="true" />}
                  {copied ? t("copied") : t("copy")}
                </Button>
              </div>
              {!mailDelivered ? <p className="mt-2 text-xs">{t("embeddedNote")}</p> : null}
            </Alert>
          ) : null}
        </div>
      </form>

      <section aria-labelledby="pending-invitations-title">
        <h3 id="pending-invitations-title" className="mb-2 font-semibold">
          {t("pendingTitle")}
        </h3>
        <div aria-live="polite">{listStatus ? <Alert variant={listStatus.kind} className="mb-3">{listStatus.text}</Alert> : null}</div>
        {list.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("pendingEmpty")}</p>
        ) : (
          <ul className="flex flex-col divide-y rounded-lg border" data-testid="invitations-list">
            {list.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5" data-testid="invitation-row">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="break-all text-sm font-medium">{inv.email}</span>
                    <RoleBadge role={inv.role} />
                  </p>
                  <p className="text-xs text-muted-foreground">{t("expires", { date: format.dateTime(inv.expiresAt, dateFormat) })}</p>
                </div>
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  className="text-destructive hover:text-destructive"
                  disabled={revoke.isPending}
                  aria-label={t("revokeFor", { email: inv.email })}
                  onClick={() =>
                    revoke.mutate(
                      { invitationId: inv.id },
                      {
                        onSuccess: () => {
                          setListStatus({ kind: "success", text: t("revoked", { email: inv.email }) });
                          refresh();
                        },
                      },
                    )
                  }
                >
                  {t("revoke")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
