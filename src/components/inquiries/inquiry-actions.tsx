"use client";

import { useMutation } from "@tanstack/react-query";
import { MessageSquareReply, PenLine, Undo2, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { translateKey } from "@/components/ui/field";
import { Label, Textarea } from "@/components/ui/input";
import type { QuoteTerms } from "@/domain/deals/quote-view";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { AwardButton, AwardResult } from "./award-dialog";
import { formFromQuote, type QuoteFormValues } from "./quote-defaults";
import { QuoteForm, type QuoteParties } from "./quote-form";

export interface InquiryCan {
  quote: boolean;
  withdraw: boolean;
  decline: boolean;
  counter: boolean;
  award: boolean;
}

type Result = { kind: "success" | "error"; text: string } | null;

function useResultMutationOptions(done: string, setResult: (r: Result) => void) {
  const tAll = useTranslations();
  const router = useRouter();
  return {
    onSuccess: () => {
      setResult({ kind: "success", text: done });
      router.refresh();
    },
    onError: (e: unknown) => {
      const info = errorInfo(e);
      setResult({ kind: "error", text: translateKey(tAll, info.key, info.params) });
    },
  };
}

/**
 * What the caller's side may do on an inquiry now. Supplier: quote or revise (the form opens in
 * place, prefilled from the latest version), withdraw the active quote, decline. Buyer: counter
 * (prefilled from the supplier's active quote) and award it. `blocked` says why nothing can be
 * quoted any more (deadline passed, demand closed).
 */
export function InquiryActions({
  inquiryId,
  side,
  can,
  activeQuote,
  latestQuote,
  firstQuoteDefaults,
  parties,
  supplierName,
  awardWarning,
  blocked,
}: {
  inquiryId: string;
  side: "buyer" | "supplier";
  can: InquiryCan;
  /** The supplier's active quote (awardable, withdrawable). */
  activeQuote: (QuoteTerms & { id: string }) | null;
  /** The newest version of either side: a revision starts from it. */
  latestQuote: QuoteTerms | null;
  /** A first quote starts from the demand's terms. */
  firstQuoteDefaults: QuoteFormValues;
  parties: QuoteParties;
  supplierName: string;
  awardWarning: boolean;
  blocked: string | null;
}) {
  const t = useTranslations("inquiries.actions");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const [form, setForm] = useState<"quote" | "counter" | null>(null);
  const [result, setResult] = useState<Result>(null);
  const [dealId, setDealId] = useState<string | null>(null);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [declineOpen, setDeclineOpen] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const withdraw = useMutation(trpc.inquiry.withdraw.mutationOptions(useResultMutationOptions(t("withdrawn"), setResult)));
  const decline = useMutation(trpc.inquiry.decline.mutationOptions(useResultMutationOptions(t("declined"), setResult)));
  const router = useRouter();
  const formDone = (text?: string) => {
    setForm(null);
    if (text) {
      setResult({ kind: "success", text });
      router.refresh();
    }
  };

  const revising = latestQuote !== null;
  const anything = can.quote || can.withdraw || can.decline || can.counter || can.award;
  // The outcome of what was just done stays on screen after the refreshed page takes the actions away.
  if (!anything && !blocked && !result && !dealId) return null;

  return (
    <div className="flex flex-col gap-4" data-testid="inquiry-actions">
      {blocked ? <Alert variant="info">{blocked}</Alert> : null}
      <div role="group" aria-label={t("title")} className="flex flex-wrap gap-2">
        {side === "supplier" && can.quote ? (
          <Button variant={form === "quote" ? "secondary" : "default"} aria-expanded={form === "quote"} aria-controls="inquiry-quote-form" onClick={() => setForm(form === "quote" ? null : "quote")} data-testid="inquiry-quote">
            <PenLine className="h-4 w-4" aria-hidden="true" />
            {form === "quote" ? t("close") : revising ? t("revise") : t("quote")}
          </Button>
        ) : null}
        {side === "buyer" && can.counter ? (
          <Button variant={form === "counter" ? "secondary" : "outline"} aria-expanded={form === "counter"} aria-controls="inquiry-quote-form" onClick={() => setForm(form === "counter" ? null : "counter")} data-testid="inquiry-counter">
            <MessageSquareReply className="h-4 w-4" aria-hidden="true" />
            {form === "counter" ? t("close") : t("counter")}
          </Button>
        ) : null}
        {side === "buyer" && can.award && activeQuote ? <AwardButton inquiryId={inquiryId} quoteId={activeQuote.id} supplierName={supplierName} quote={activeQuote} warning={awardWarning} onAwarded={setDealId} /> : null}
        {side === "supplier" && can.withdraw && activeQuote ? (
          <Dialog open={withdrawOpen} onOpenChange={setWithdrawOpen}>
            <DialogTrigger asChild>
              <Button variant="outline" data-testid="inquiry-withdraw">
                <Undo2 className="h-4 w-4" aria-hidden="true" />
                {t("withdraw")}
              </Button>
            </DialogTrigger>
            <DialogContent closeLabel={tAll("common.cancel")}>
              <DialogTitle>{t("withdraw")}</DialogTitle>
              <DialogDescription>{t("withdrawConfirm")}</DialogDescription>
              <DialogFooter>
                <DialogClose asChild>
                  <Button variant="ghost">{tAll("common.cancel")}</Button>
                </DialogClose>
                <Button
                  variant="destructive"
                  disabled={withdraw.isPending}
                  onClick={() => {
                    setWithdrawOpen(false);
                    withdraw.mutate({ inquiryId, quoteId: activeQuote.id });
                  }}
                  data-testid="inquiry-withdraw-confirm"
                >
                  {t("withdraw")}
                </Button>
              </DialogFooter>
            </DialogContent>
          </Dialog>
        ) : null}
        {side === "supplier" && can.decline ? (
          <Dialog open={declineOpen} onOpenChange={setDeclineOpen}>
            <DialogTrigger asChild>
              <Button variant="ghost" data-testid="inquiry-decline">
                <XCircle className="h-4 w-4" aria-hidden="true" />
                {t("decline")}
              </Button>
            </DialogTrigger>
            <DialogContent closeLabel={tAll("common.cancel")}>
              <DialogTitle>{t("declineTitle")}</DialogTitle>
              <DialogDescription>{t("declineDescription")}</DialogDescription>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={reasonId}>{t("declineReason")}</Label>
                <Textarea id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} />
              </div>
              <DialogFooter>
                <DialogClose asChild>
                  <Button variant="ghost">{tAll("common.cancel")}</Button>
                </DialogClose>
                <Button
                  variant="destructive"
                  disabled={decline.isPending}
                  onClick={() => {
                    setDeclineOpen(false);
                    decline.mutate({ inquiryId, reason: reason.trim() || undefined });
                  }}
                  data-testid="inquiry-decline-confirm"
                >
                  {t("declineConfirm")}
                </Button>
              </DialogFooter>
            </DialogContent>
          </Dialog>
        ) : null}
      </div>
      <div aria-live="polite">{result ? <Alert variant={result.kind} data-testid="inquiry-action-result">{result.text}</Alert> : null}</div>
      {dealId ? <AwardResult dealId={dealId} /> : null}
      {form ? (
        <div id="inquiry-quote-form" className="rounded-xl border bg-background p-4 md:p-6">
          {form === "counter" ? <p className="mb-4 text-sm text-muted-foreground">{t("counterHint")}</p> : null}
          <QuoteForm
            key={form}
            target={form === "counter" ? { mode: "counter", inquiryId } : { mode: "quote", inquiryId }}
            initial={form === "counter" ? formFromQuote(activeQuote ?? latestQuote!) : latestQuote ? formFromQuote(latestQuote) : firstQuoteDefaults}
            parties={parties}
            onDone={formDone}
            onCancel={() => formDone()}
          />
        </div>
      ) : null}
    </div>
  );
}
