"use client";

import { useMutation } from "@tanstack/react-query";
import { Handshake } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface IntroductionCandidate {
  /** `${organizationId}:${listingId}` */
  value: string;
  label: string;
}

/** The "引荐供应商" form: a supplier (one of its published listings) and a note for both firms. */
export function IntroduceForm({ demandId, candidates }: { demandId: string; candidates: IntroductionCandidate[] }) {
  const t = useTranslations("introductions.form");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [choice, setChoice] = useState("");
  const [note, setNote] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const create = useMutation(
    trpc.introduction.create.mutationOptions({
      onSuccess: () => {
        setResult({ kind: "success", text: t("done") });
        setChoice("");
        setNote("");
        setFields({});
        router.refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        setFields(info.fields);
        setResult({ kind: "error", text: translateKey(tAll, info.key, info.params) });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const [supplierOrgId, listingId] = choice.split(":");
    const missing = { ...(supplierOrgId ? {} : { supplierOrgId: "validation.required" }), ...(note.trim() ? {} : { note: "validation.required" }) };
    setFields(missing);
    setResult(null);
    if (Object.keys(missing).length) return;
    create.mutate({ demandId, supplierOrgId: supplierOrgId!, listingId: listingId || undefined, note });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="introduce-form">
      <Field label={t("supplier")} hint={t("supplierHint")} error={fields.supplierOrgId ?? fields.listingId} required>
        <Select value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="introduce-supplier">
          <option value="">{t("choose")}</option>
          {candidates.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("note")} hint={t("noteHint")} error={fields.note} required>
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} rows={3} data-testid="introduce-note" />
      </Field>
      <div aria-live="polite">
        {result ? (
          <Alert variant={result.kind === "success" ? "success" : "error"} data-testid="introduce-result">
            {result.text}
          </Alert>
        ) : null}
      </div>
      <Button type="submit" disabled={create.isPending} className="self-start" data-testid="introduce-submit">
        <Handshake className="h-4 w-4" aria-hidden="true" />
        {create.isPending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
