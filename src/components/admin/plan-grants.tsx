"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

const PAID = ["anchor_pro", "sme_pro", "service_centre"] as const;

export interface GrantRow {
  organizationId: string;
  organizationName: string;
  plan: string;
  effectivePlan: string;
  status: string;
  source: string;
  until: string | null;
  updatedAt: string;
}

/** Platform admins grant a plan to an organisation or revoke it (payments off, or by arrangement). */
export function PlanGrants({ rows }: { rows: GrantRow[] }) {
  const t = useTranslations("billing");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState({ organizationId: "", plan: PAID[0] as (typeof PAID)[number], until: "", note: "" });
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const done = (text: string) => {
    setStatus({ kind: "success", text });
    setFields({});
    router.refresh();
  };
  const failed = (e: unknown) => {
    const info = errorInfo(e);
    setFields(info.fields);
    setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
  };
  const grant = useMutation(trpc.billing.grant.mutationOptions({ onSuccess: () => done(t("admin.granted")), onError: failed }));
  const revoke = useMutation(trpc.billing.revoke.mutationOptions({ onSuccess: () => done(t("admin.revoked")), onError: failed }));
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  return (
    <div className="flex flex-col gap-6">
      <form
        noValidate
        className="grid max-w-3xl gap-4 md:grid-cols-2"
        aria-label={t("admin.title")}
        onSubmit={(e) => {
          e.preventDefault();
          setStatus(null);
          grant.mutate({ organizationId: values.organizationId.trim(), plan: values.plan, until: values.until || undefined, note: values.note || undefined });
        }}
      >
        <Field label={t("admin.organizationId")} hint={t("admin.organizationIdHint")} error={fields.organizationId} required>
          <Input value={values.organizationId} onChange={set("organizationId")} autoComplete="off" data-testid="grant-organization" />
        </Field>
        <Field label={t("admin.plan")} required>
          <Select value={values.plan} onChange={set("plan")} data-testid="grant-plan">
            {PAID.map((p) => (
              <option key={p} value={p}>
                {t(`plans.${p}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("admin.until")} hint={t("admin.untilHint")} error={fields.until}>
          <Input type="date" value={values.until} onChange={set("until")} />
        </Field>
        <Field label={t("admin.note")} error={fields.note}>
          <Input value={values.note} onChange={set("note")} maxLength={500} />
        </Field>
        <div className="md:col-span-2">
          <Button type="submit" disabled={grant.isPending} data-testid="grant-submit">
            {t("admin.grant")}
          </Button>
        </div>
      </form>
      <div aria-live="polite">{status ? <Alert variant={status.kind}>{status.text}</Alert> : null}</div>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("admin.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label={t("admin.listLabel")}>
            <thead>
              <tr className="border-b text-left">
                <th className="py-2 pr-4">{t("admin.organization")}</th>
                <th className="py-2 pr-4">{t("admin.plan")}</th>
                <th className="py-2 pr-4">{t("admin.effective")}</th>
                <th className="py-2 pr-4">{t("status")}</th>
                <th className="py-2 pr-4">{t("source")}</th>
                <th className="py-2 pr-4">{t("until")}</th>
                <th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.organizationId} className="border-b" data-testid="plan-row" data-organization-id={r.organizationId}>
                  <td className="py-2 pr-4">{r.organizationName}</td>
                  <td className="py-2 pr-4">{t(`plans.${r.plan}`)}</td>
                  <td className="py-2 pr-4">{t(`plans.${r.effectivePlan}`)}</td>
                  <td className="py-2 pr-4">{t(`statuses.${r.status}`)}</td>
                  <td className="py-2 pr-4">{t(`sources.${r.source}`)}</td>
                  <td className="py-2 pr-4">{r.until ?? t("noEnd")}</td>
                  <td className="py-2 text-right">
                    {r.effectivePlan !== "free" ? (
                      <Button type="button" variant="outline" size="sm" disabled={revoke.isPending} onClick={() => revoke.mutate({ organizationId: r.organizationId })}>
                        {t("admin.revoke")}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
