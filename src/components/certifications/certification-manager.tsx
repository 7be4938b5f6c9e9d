"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { ExternalLink, Plus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch, type DefaultValues } from "react-hook-form";
import { errorAt } from "@/components/auth/form-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { certificationInputSchema, type CertificationInput } from "@/domain/schemas/market";
import { certificationSchemes, localName, type Locale } from "@/domain/taxonomy";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { CertificateBadge, schemeName } from "./certificate-badge";

const EVIDENCE_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
const EVIDENCE_MAX = 5 * 1024 * 1024;

export interface StoredCertificate {
  id: string;
  schemeId: string;
  number: string | null;
  validFrom: string | null;
  validTo: string | null;
  evidenceFileId: string | null;
  verificationState: string;
  verificationNote: string | null;
  status: "valid" | "expired" | "rejected" | "notYetValid";
}

function CertificateForm({ cert, onDone }: { cert?: StoredCertificate; onDone: () => void }) {
  const t = useTranslations("certifications");
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const form = useForm<CertificationInput, unknown, CertificationInput>({
    resolver: zodResolver(certificationInputSchema) as never,
    mode: "onChange",
    defaultValues: {
      schemeId: cert?.schemeId ?? "",
      number: cert?.number ?? "",
      validFrom: cert?.validFrom ?? "",
      validTo: cert?.validTo ?? "",
      evidenceFileId: cert?.evidenceFileId ?? "",
    } as DefaultValues<CertificationInput>,
  });
  const err = (p: string) => errorAt(form.formState.errors, p);
  const onError = (e: unknown) => {
    const info = errorInfo(e);
    applyServerErrors(info, form.setError, cert ? "values." : "");
    setProblem(translateKey(tAll, info.key, info.params));
  };
  const create = useMutation(trpc.certification.create.mutationOptions({ onSuccess: onDone, onError }));
  const update = useMutation(trpc.certification.update.mutationOptions({ onSuccess: onDone, onError }));
  const evidence = useWatch({ control: form.control, name: "evidenceFileId" });

  const upload = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    if (!EVIDENCE_TYPES.includes(file.type)) return setProblem(tAll("errors.fileType"));
    if (file.size > EVIDENCE_MAX) return setProblem(tAll("errors.fileTooLarge", { mb: 5 }));
    setUploading(true);
    try {
      const body = new FormData();
      body.set("file", file);
      body.set("purpose", "certificate");
      const res = await fetch("/api/uploads", { method: "POST", body }).catch(() => null);
      const json = res ? ((await res.json().catch(() => null)) as { id?: string; messageKey?: string; params?: Record<string, string | number> } | null) : null;
      if (!res?.ok || !json?.id) return setProblem(translateKey(tAll, res ? (json?.messageKey ?? "errors.internal") : "errors.network", json?.params));
      form.setValue("evidenceFileId", json.id, { shouldDirty: true, shouldValidate: true });
    } finally {
      setUploading(false);
    }
  };

  return (
    <form
      noValidate
      className="grid gap-4 rounded-xl border bg-background p-4 md:grid-cols-2"
      data-testid="certificate-form"
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        if (cert) update.mutate({ id: cert.id, values: values as never });
        else create.mutate(values as never);
      })}
    >
      <Field label={t("fields.scheme")} error={err("schemeId")} required>
        <Select data-testid="certificate-scheme" {...form.register("schemeId")}>
          <option value="">{t("fields.chooseScheme")}</option>
          {certificationSchemes.map((s) => (
            <option key={s.id} value={s.id}>
              {localName(s, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("fields.number")} error={err("number")}>
        <Input data-testid="certificate-number" {...form.register("number")} />
      </Field>
      <Field label={t("fields.validFrom")} error={err("validFrom")}>
        <Input type="date" data-testid="certificate-validFrom" {...form.register("validFrom")} />
      </Field>
      <Field label={t("fields.validTo")} error={err("validTo")}>
        <Input type="date" data-testid="certificate-validTo" {...form.register("validTo")} />
      </Field>
      <Field label={t("fields.evidence")} hint={t("fields.evidenceHint")} error={err("evidenceFileId")}>
        <Input type="file" accept={EVIDENCE_TYPES.join(",")} disabled={uploading} data-testid="certificate-evidence" onChange={(e) => void upload(e.target.files?.[0])} />
      </Field>
      {evidence ? (
        <a href={`/api/files/${evidence}`} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 self-end text-sm text-primary hover:underline">
          {t("my.viewEvidence")}
          <ExternalLink className="h-3.5 w-3.5" aria-hidden="true" />
        </a>
      ) : null}
      {problem ? (
        <Alert variant="error" className="md:col-span-2">
          {problem}
        </Alert>
      ) : null}
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" disabled={create.isPending || update.isPending || uploading} data-testid="certificate-save">
          {tAll("common.save")}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          {t("my.cancel")}
        </Button>
      </div>
    </form>
  );
}

/** The organisation's certificates: list with validity flags, and (for owners and admins) add, edit, delete. */
export function CertificationManager({ certificates, canManage }: { certificates: StoredCertificate[]; canManage: boolean }) {
  const t = useTranslations("certifications");
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const router = useRouter();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useMutation(trpc.certification.remove.mutationOptions({ onSuccess: () => router.refresh(), onError: (e) => setProblem(translateKey(tAll, errorInfo(e).key)) }));
  const done = () => {
    setEditing(null);
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-4">
      {!canManage ? <Alert variant="info">{t("my.managersOnly")}</Alert> : null}
      {canManage && editing !== "new" ? (
        <Button className="self-start" onClick={() => setEditing("new")} data-testid="certificate-add">
          <Plus className="h-4 w-4" aria-hidden="true" />
          {t("my.add")}
        </Button>
      ) : null}
      {editing === "new" ? <CertificateForm onDone={done} /> : null}
      {problem ? <Alert variant="error">{problem}</Alert> : null}
      {certificates.length === 0 && editing !== "new" ? (
        <div className="rounded-xl border border-dashed p-8 text-center">
          <h2 className="font-semibold">{t("my.emptyTitle")}</h2>
          <p className="mt-1 text-sm text-muted-foreground">{t("my.emptyBody")}</p>
        </div>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="certificate-list">
          {certificates.map((c) =>
            editing === c.id ? (
              <li key={c.id}>
                <CertificateForm cert={c} onDone={done} />
              </li>
            ) : (
              <li key={c.id} className="flex flex-col gap-2 rounded-xl border bg-background p-4 md:flex-row md:items-center md:justify-between" data-testid="certificate-row" data-status={c.status}>
                <div className="flex min-w-0 flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <CertificateBadge cert={c} />
                    {c.status === "valid" && c.verificationState === "verified" ? null : <Badge variant="outline">{t(`verification.${c.verificationState}`)}</Badge>}
                  </div>
                  <p className="text-sm text-muted-foreground">
                    {[c.number, c.validFrom || c.validTo ? `${c.validFrom ?? "…"} – ${c.validTo ?? "…"}` : t("fields.noExpiry")].filter(Boolean).join(" · ")}
                  </p>
                  {c.verificationNote ? <p className="text-sm">{t("my.note", { note: c.verificationNote })}</p> : null}
                  {c.evidenceFileId ? (
                    <a href={`/api/files/${c.evidenceFileId}`} target="_blank" rel="noopener noreferrer" className="text-sm text-primary hover:underline">
                      {t("my.viewEvidence")}
                    </a>
                  ) : null}
                </div>
                {canManage ? (
                  <div className="flex gap-2">
                    <Button size="sm" variant="outline" onClick={() => setEditing(c.id)}>
                      {t("my.edit")}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm(t("my.removeConfirm"))) remove.mutate({ id: c.id });
                      }}
                      aria-label={`${t("my.remove")} ${schemeName(c.schemeId, locale)}`}
                    >
                      {t("my.remove")}
                    </Button>
                  </div>
                ) : null}
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
