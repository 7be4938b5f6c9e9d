"use client";

import { useMutation } from "@tanstack/react-query";
import { Flag } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

/** Lets a signed-in reader report a listing to the platform's moderators. */
export function ReportButton({ listingId, signedIn }: { listingId: string; signedIn: boolean }) {
  const t = useTranslations("listings.detail");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const report = useMutation(trpc.listing.report.mutationOptions());
  if (!signedIn)
    return (
      <Button asChild variant="ghost" size="sm">
        <Link href={`/signin?callbackUrl=/listings/${listingId}`}>
          <Flag className="h-4 w-4" aria-hidden="true" />
          {t("reportSignIn")}
        </Link>
      </Button>
    );
  if (report.isSuccess)
    return (
      <Alert variant="success" data-testid="report-sent">
        {t("reportSent")}
      </Alert>
    );
  if (!open)
    return (
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)} data-testid="report-open">
        <Flag className="h-4 w-4" aria-hidden="true" />
        {t("report")}
      </Button>
    );
  return (
    <form
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setProblem(null);
        setFieldError(reason.trim().length < 4 ? "validation.reasonTooShort" : undefined);
        if (reason.trim().length < 4) return;
        report.mutate(
          { listingId, reason },
          {
            onError: (err) => {
              const info = errorInfo(err);
              setFieldError(info.fields.reason);
              setProblem(translateKey(tAll, info.key, info.params));
            },
          },
        );
      }}
    >
      <Field label={t("reportReason")} error={fieldError} required>
        <Textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} data-testid="report-reason" />
      </Field>
      {problem ? <Alert variant="error">{problem}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={report.isPending} data-testid="report-send">
          {t("reportSend")}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
          {tAll("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
