"use client";

import { useMutation } from "@tanstack/react-query";
import { BadgeCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { uploadRules } from "@/domain/file-types";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { uploadFile } from "@/lib/upload";

const RULE = uploadRules.business_license;

type Problem = { key: string; params?: Record<string, string | number> };

/** Upload the business licence (purpose business_license) and give the USCC: a pending claim. */
export function ClaimForm({ organizationId }: { organizationId: string }) {
  const t = useTranslations("onboarding.claim");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [uscc, setUscc] = useState("");
  const [problems, setProblems] = useState<{ file?: Problem; uscc?: Problem; form?: Problem }>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = useMutation(trpc.onboarding.submitClaim.mutationOptions());

  const fileProblem = (f: File | null): Problem | undefined => {
    if (!f) return { key: "onboarding.claim.chooseFile" };
    if (!(RULE.types as readonly string[]).includes(f.type)) return { key: "errors.fileType" };
    if (f.size > RULE.maxBytes) return { key: "errors.fileTooLarge", params: { mb: RULE.maxBytes / 1024 / 1024 } };
    return undefined;
  };

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const found = { file: fileProblem(file), uscc: uscc.trim() ? undefined : { key: "validation.required" } };
    setProblems(found);
    if (found.file || found.uscc || !file) {
      fileInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const uploaded = await uploadFile(file, "business_license");
      if (!uploaded.ok) {
        setProblems(uploaded.key === "errors.network" ? { form: { key: uploaded.key } } : { file: { key: uploaded.key, params: uploaded.params } });
        return;
      }
      try {
        await submit.mutateAsync({ organizationId, fileId: uploaded.id, uscc: uscc.trim() });
      } catch (err) {
        const info = errorInfo(err);
        setProblems(info.fields.uscc ? { uscc: { key: info.fields.uscc, params: info.params } } : { form: { key: info.key, params: info.params } });
        return;
      }
      setDone(true);
      router.refresh();
    } finally {
      setBusy(false);
    }
  };

  const text = (p?: Problem) => (p ? translateKey(tAll, p.key, p.params) : undefined);

  if (done) {
    return (
      <div aria-live="polite">
        <Alert variant="success" data-testid="claim-submitted">
          {t("submitted")}
        </Alert>
      </div>
    );
  }
  if (!open) {
    return (
      <Button type="button" className="self-start" onClick={() => setOpen(true)} data-testid="claim-open">
        <BadgeCheck className="h-4 w-4" aria-hidden="true" />
        {t("button")}
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4" data-testid="claim-form">
      <Field label={t("licence")} error={text(problems.file)} required>
        <Input
          ref={fileInput}
          type="file"
          accept={RULE.types.join(",")}
          className="h-auto py-1.5 file:mr-3 file:rounded file:border-0 file:bg-secondary file:px-3 file:py-1 file:text-sm file:font-medium file:text-secondary-foreground"
          data-testid="claim-licence"
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            setProblems((p) => ({ ...p, file: f ? fileProblem(f) : undefined }));
          }}
        />
      </Field>
      <Field label={t("uscc")} hint={t("usccHint")} error={text(problems.uscc)} required>
        <Input value={uscc} onChange={(e) => setUscc(e.target.value)} maxLength={40} autoComplete="off" className="font-mono" data-testid="claim-uscc" />
      </Field>
      <div aria-live="polite">{problems.form ? <Alert variant="error">{text(problems.form)}</Alert> : null}</div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy} data-testid="claim-submit">
          {busy ? t("submitting") : t("submit")}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={busy}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
