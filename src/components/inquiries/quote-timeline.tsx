import { FileText } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { dateTimeFormat } from "@/components/org/display";
import { quoteChanges, QUOTE_FIELDS, type QuoteTerms } from "@/domain/deals/quote-view";
import { cn } from "@/lib/utils";
import { QuoteTermsList } from "./quote-terms";

export interface TimelineQuote extends QuoteTerms {
  id: string;
  revision: number;
  author: "supplier" | "buyer";
  status: "active" | "superseded" | "withdrawn" | "awarded" | "lost";
  createdAt: Date;
  attachments: Array<{ id: string; originalName: string | null; size: number }>;
}

/**
 * The negotiation as it happened: every version (the supplier's quotes and revisions, the buyer's
 * counter-offers), newest first, each with who and when, and what changed against the version
 * before it highlighted.
 */
export function QuoteTimeline({ quotes, buyerName, supplierName }: { quotes: TimelineQuote[]; buyerName: string; supplierName: string }) {
  const t = useTranslations("inquiries");
  const format = useFormatter();
  if (quotes.length === 0) return <p className="text-sm text-muted-foreground">{t("timeline.empty")}</p>;
  const ordered = quotes.map((q, i) => ({ q, changed: quoteChanges(quotes[i - 1], q), first: i === 0 })).reverse();
  return (
    <ol className="flex flex-col gap-4" aria-label={t("timeline.title")} data-testid="quote-timeline">
      {ordered.map(({ q, changed, first }) => {
        const fields = QUOTE_FIELDS.filter((f) => changed.has(f));
        return (
          <li
            key={q.id}
            className={cn("relative rounded-lg border p-4", q.author === "buyer" ? "border-sky-200 bg-sky-50/40" : "bg-background", q.status === "active" && "ring-1 ring-primary/30")}
            data-testid="quote-revision"
            data-revision={q.revision}
            data-author={q.author}
            aria-labelledby={`rev-${q.id}`}
          >
            <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 id={`rev-${q.id}`} className="font-semibold">
                {t("timeline.revision", { revision: q.revision })} · {q.author === "buyer" ? t("timeline.byBuyer", { org: buyerName }) : t("timeline.bySupplier", { org: supplierName })}
              </h3>
              <Badge variant={q.status === "active" || q.status === "awarded" ? "default" : "secondary"} data-testid="quote-status">
                {t(`quoteStatus.${q.status}`)}
              </Badge>
              <time dateTime={q.createdAt.toISOString()} className="text-xs text-muted-foreground">
                {format.dateTime(q.createdAt, dateTimeFormat)}
              </time>
            </div>
            <p className="mb-2 text-xs text-muted-foreground" data-testid="quote-changes">
              {first ? t("timeline.first") : fields.length ? t("timeline.changedSummary", { fields: fields.map((f) => t(`timeline.fields.${f}`)).join(t("timeline.separator")) }) : t("timeline.noChange")}
            </p>
            <QuoteTermsList quote={q} changed={first ? undefined : changed} />
            {q.attachments.length ? (
              <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("timeline.attachments")}>
                {q.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/files/${a.id}`} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs font-medium text-primary hover:underline">
                      <FileText className="h-3.5 w-3.5" aria-hidden="true" />
                      <span className="break-all">{a.originalName ?? a.id}</span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
