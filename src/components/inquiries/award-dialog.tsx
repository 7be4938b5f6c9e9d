"use client";

import { useMutation } from "@tanstack/react-query";
import { Award } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { translateKey } from "@/components/ui/field";
import type { QuoteTerms } from "@/domain/deals/quote-view";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { PaymentWarning } from "./payment-warning";
import { QuoteTermsList } from "./quote-terms";

/** "Awarded: the order has been created" with the link to it, announced where the award was made. */
export function AwardResult({ dealId }: { dealId: string }) {
  const t = useTranslations("inquiries.award");
  return (
    <div aria-live="polite">
      <Alert variant="success" role="none" data-testid="award-result">
        {t("done")}{" "}
        <Link href={`/deals/${dealId}`} className="font-medium underline">
          {t("openDeal")}
        </Link>
      </Alert>
    </div>
  );
}

/**
 * The buyer awards a supplier's active quote: a confirmation dialog that repeats the terms being
 * accepted and the 60-day SME payment warning. A refusal (e.g. another award got there first) is
 * announced in place; success goes to `onAwarded`, whose owner shows <AwardResult> — it outlives
 * this button, which the refreshed page no longer offers.
 */
export function AwardButton({
  inquiryId,
  quoteId,
  supplierName,
  quote,
  warning,
  onAwarded,
  size = "default",
}: {
  inquiryId: string;
  quoteId: string;
  supplierName: string;
  quote: QuoteTerms;
  warning: boolean;
  onAwarded: (dealId: string) => void;
  size?: "default" | "sm";
}) {
  const t = useTranslations("inquiries.award");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const award = useMutation(
    trpc.inquiry.award.mutationOptions({
      onSuccess: (r) => {
        setOpen(false);
        onAwarded(r.dealId);
        router.refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        setError(translateKey(tAll, info.key, info.params));
      },
    }),
  );
  return (
    <div className="flex flex-col gap-2">
      <Dialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (o) setError(null);
        }}
      >
        <DialogTrigger asChild>
          <Button size={size} data-testid="award-open" aria-label={t("openLabel", { supplier: supplierName })}>
            <Award className="h-4 w-4" aria-hidden="true" />
            {t("open")}
          </Button>
        </DialogTrigger>
        <DialogContent closeLabel={tAll("common.cancel")} data-testid="award-dialog">
          <DialogTitle>{t("title", { supplier: supplierName })}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
          <QuoteTermsList quote={quote} />
          {warning ? <PaymentWarning /> : null}
          {error ? <Alert variant="error">{error}</Alert> : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="ghost">{tAll("common.cancel")}</Button>
            </DialogClose>
            <Button disabled={award.isPending} onClick={() => award.mutate({ inquiryId, quoteId })} data-testid="award-confirm">
              {award.isPending ? t("awarding") : t("confirm")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <div aria-live="polite">
        {error && !open ? (
          <Alert variant="error" data-testid="award-error">
            {error}
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
