"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { OrgPicker, type PickedOrg } from "./org-picker";

/** A service centre asks a firm to let it manage the firm's profile (申请代管), with a note. */
export function RequestManagementForm() {
  const t = useTranslations("managed.request");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [firm, setFirm] = useState<PickedOrg | null>(null);
  const [note, setNote] = useState("");
  const [result, setResult] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const request = useMutation(
    trpc.managed.request.mutationOptions({
      onSuccess: () => {
        setResult({ kind: "success", text: t("done") });
        setFirm(null);
        setNote("");
        router.refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        setResult({ kind: "error", text: translateKey(tAll, info.key, info.params) });
      },
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!firm) return setResult({ kind: "error", text: t("pickFirst") });
    setResult(null);
    request.mutate({ organizationId: firm.id, note: note.trim() || undefined });
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="managed-request-form">
      <OrgPicker kind="firm" value={firm} onPick={setFirm} />
      <Field label={t("note")} hint={t("noteHint")}>
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} data-testid="managed-request-note" />
      </Field>
      <div aria-live="polite">
        {result ? (
          <Alert variant={result.kind} data-testid="managed-request-result">
            {result.text}
          </Alert>
        ) : null}
      </div>
      <Button type="submit" disabled={request.isPending} className="self-start" data-testid="managed-request-submit">
        <Send className="h-4 w-4" aria-hidden="true" />
        {request.isPending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
