"use client";

import { FileText, Paperclip, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { translateKey } from "@/components/ui/field";
import { Label } from "@/components/ui/input";
import { uploadRules } from "@/domain/file-types";

export interface AttachmentInfo {
  id: string;
  name: string;
  size: number;
}

const RULE = uploadRules.attachment;
const MAX_MB = RULE.maxBytes / 1024 / 1024;
export const MAX_ATTACHMENTS = 10;
// Browsers report these for the allowed types; the server checks the bytes again.
const ACCEPT = [...RULE.types, ".pdf", ".xlsx", ".jpg", ".jpeg", ".png", ".webp"].join(",");

/**
 * Uploads each chosen file at once to /api/uploads (purpose "attachment") and keeps the list of
 * uploaded files; the demand stores their ids. Removing one only detaches it from the demand.
 */
export function AttachmentsField({ files, onChange, error }: { files: AttachmentInfo[]; onChange: (files: AttachmentInfo[]) => void; error?: string }) {
  const t = useTranslations("demands.form");
  const tAll = useTranslations();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const upload = async (chosen: File[]) => {
    setProblem(null);
    let list = files;
    setUploading(true);
    try {
      for (const file of chosen) {
        if (list.length >= MAX_ATTACHMENTS) {
          setProblem(t("attachmentTooMany", { max: MAX_ATTACHMENTS }));
          break;
        }
        if (file.size > RULE.maxBytes) {
          setProblem(`${file.name}: ${tAll("errors.fileTooLarge", { mb: MAX_MB })}`);
          continue;
        }
        const body = new FormData();
        body.set("file", file);
        body.set("purpose", "attachment");
        const res = await fetch("/api/uploads", { method: "POST", body }).catch(() => null);
        const json = (await res?.json().catch(() => null)) as { id?: string; size?: number; messageKey?: string; params?: Record<string, string | number> } | null;
        if (!res) {
          setProblem(tAll("errors.network"));
          break;
        }
        if (!res.ok || !json?.id) {
          setProblem(`${file.name}: ${translateKey(tAll, json?.messageKey ?? "errors.internal", json?.params)}`);
          continue;
        }
        list = [...list, { id: json.id, name: file.name, size: json.size ?? file.size }];
        onChange(list);
      }
    } finally {
      setUploading(false);
      if (input.current) input.current.value = "";
    }
  };

  const errorText = problem ?? (error ? translateKey(tAll, error) : null);
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{t("attachments")}</Label>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {t("attachmentsHint", { mb: MAX_MB, max: MAX_ATTACHMENTS })}
      </p>
      {files.length ? (
        <ul className="flex flex-col gap-1.5" data-testid="attachment-list">
          {files.map((f) => (
            <li key={f.id} className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm" data-testid="attachment-item">
              <span className="flex min-w-0 items-center gap-2">
                <FileText className="h-4 w-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                <span className="truncate">{f.name}</span>
                <span className="shrink-0 text-xs text-muted-foreground">{Math.max(1, Math.round(f.size / 1024))} KB</span>
              </span>
              <button
                type="button"
                className="rounded p-1 text-muted-foreground hover:bg-secondary hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                aria-label={t("attachmentRemove", { name: f.name })}
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}
              >
                <X className="h-4 w-4" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-center gap-2">
        <input
          ref={input}
          id={id}
          type="file"
          multiple
          accept={ACCEPT}
          disabled={uploading || files.length >= MAX_ATTACHMENTS}
          aria-describedby={`${id}-hint${errorText ? ` ${id}-error` : ""}`}
          aria-invalid={errorText ? true : undefined}
          className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-secondary file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-secondary-foreground"
          data-testid="demand-attachment-input"
          onChange={(e) => {
            const chosen = Array.from(e.target.files ?? []);
            if (chosen.length) void upload(chosen);
          }}
        />
        {uploading ? (
          <span className="inline-flex shrink-0 items-center gap-1 text-sm text-muted-foreground" role="status" data-testid="attachment-uploading">
            <Paperclip className="h-4 w-4" aria-hidden="true" />
            {t("attachmentUploading")}
          </span>
        ) : null}
      </div>
      {errorText ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive" data-testid="attachment-error">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}
