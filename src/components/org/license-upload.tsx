"use client";

import { useMutation } from "@tanstack/react-query";
import { ExternalLink, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import type { VerificationState } from "./verification-badge";

const ACCEPT = ["image/jpeg", "image/png", "image/webp"];
const MAX_MB = 5;

type Problem = { key: string; params?: Record<string, string | number> };

/** Uploads a business-licence image to /api/uploads and submits it for verification. */
export function LicenseUpload({
  canManage,
  licenseFileId,
  state,
  note,
}: {
  canManage: boolean;
  licenseFileId: string | null;
  state: VerificationState;
  note: string | null;
}) {
  const t = useTranslations("org.license");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [uploading, setUploading] = useState(false);
  const [done, setDone] = useState(false);
  const submit = useMutation(trpc.organization.submitLicense.mutationOptions());

  const check = (f: File | null): Problem | null => {
    if (!f) return { key: "org.license.chooseFile" };
    if (!ACCEPT.includes(f.type)) return { key: "errors.fileType" };
    if (f.size > MAX_MB * 1024 * 1024) return { key: "errors.fileTooLarge", params: { mb: MAX_MB } };
    return null;
  };

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(false);
    const found = check(file);
    setProblem(found);
    if (found || !file) {
      input.current?.focus();
      return;
    }
    setUploading(true);
    try {
      const body = new FormData();
      body.set("file", file);
      body.set("purpose", "business_license");
      let res: Response;
      try {
        res = await fetch("/api/uploads", { method: "POST", body });
      } catch {
        setProblem({ key: "errors.network" });
        return;
      }
      const json = (await res.json().catch(() => null)) as { id?: string; messageKey?: string; params?: Record<string, string | number> } | null;
      if (!res.ok || !json?.id) {
        setProblem({ key: json?.messageKey ?? "errors.internal", params: json?.params });
        return;
      }
      try {
        await submit.mutateAsync({ fileId: json.id });
      } catch (err) {
        const info = errorInfo(err);
        setProblem({ key: info.key, params: info.params });
        return;
      }
      setFile(null);
      if (input.current) input.current.value = "";
      setDone(true);
      router.refresh();
    } finally {
      setUploading(false);
    }
  };

  const stateMessage = {
    unverified: licenseFileId ? null : { variant: "info", text: t("stateUnverified") },
    pending: { variant: "info", text: t("statePending") },
    verified: { variant: "success", text: t("stateVerified") },
    rejected: { variant: "error", text: note ? t("stateRejectedWithNote", { note }) : t("stateRejected") },
  }[state] as { variant: "info" | "success" | "error"; text: string } | null;

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted-foreground">{t("intro")}</p>
      {stateMessage && !done ? (
        // The rejection is information here, not a live error: render it without role="alert".
        <Alert variant={stateMessage.variant} role="note" data-testid="license-state">
          {stateMessage.text}
        </Alert>
      ) : null}
      {licenseFileId ? (
        <a href={`/api/files/${licenseFileId}`} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 self-start text-sm font-medium text-primary underline-offset-4 hover:underline" data-testid="license-link">
          {t("viewSubmitted")}
          <ExternalLink className="h-3.5 w-3.5" aria-hidden="true" />
          <span className="sr-only">{t("opensInNewTab")}</span>
        </a>
      ) : null}
      {canManage ? (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
          <Field label={t("file")} hint={state === "verified" ? `${t("fileHint", { mb: MAX_MB })} ${t("reverifyWarning")}` : t("fileHint", { mb: MAX_MB })} error={problem ? translateKey(tAll, problem.key, problem.params) : undefined} required>
            <Input
              ref={input}
              type="file"
              accept={ACCEPT.join(",")}
              className="h-auto py-1.5 file:mr-3 file:rounded file:border-0 file:bg-secondary file:px-3 file:py-1 file:text-sm file:font-medium file:text-secondary-foreground"
              data-testid="license-file"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                setDone(false);
                setProblem(f ? check(f) : null);
              }}
            />
          </Field>
          <div aria-live="polite">
            {done ? (
              <Alert variant="success" data-testid="license-submitted">
                {t("submitted")}
              </Alert>
            ) : null}
          </div>
          <Button type="submit" disabled={uploading} className="self-start" data-testid="license-submit">
            <Upload className="h-4 w-4" aria-hidden="true" />
            {uploading ? t("uploading") : licenseFileId ? t("submitNew") : t("submit")}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-muted-foreground">{t("membersCannotUpload")}</p>
      )}
    </div>
  );
}
