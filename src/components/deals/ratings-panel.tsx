import { Star } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { dateFormat } from "@/components/org/display";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { RatingForm } from "./rating-form";
import { Stars } from "./star-rating";
import type { DealDetail } from "./types";

/** Both sides' ratings once given, and the reader's rating form after delivery. */
export function RatingsPanel({ data, counterpartName }: { data: DealDetail; counterpartName: string }) {
  const t = useTranslations("deals.rating");
  const format = useFormatter();
  const { deal, ratings, actions, viewer } = data;
  if (!deal.deliveredAt && ratings.length === 0) return null;
  return (
    <Card aria-labelledby="deal-ratings-title" data-testid="deal-ratings">
      <CardHeader>
        <CardTitle id="deal-ratings-title" className="flex items-center gap-2">
          <Star className="h-5 w-5 text-primary" aria-hidden="true" />
          {t("title")}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {ratings.length ? (
          <ul className="grid gap-3 md:grid-cols-2">
            {ratings.map((r) => (
              <li key={r.id} className="flex flex-col gap-2 rounded-lg border p-4" data-testid="rating-given" data-side={r.side}>
                <p className="text-sm font-medium">
                  {r.side === viewer ? t("byYou") : t(`by.${r.side}`)}
                  <span className="font-normal text-muted-foreground"> · {format.dateTime(r.createdAt, dateFormat)}</span>
                </p>
                <dl className="flex flex-col gap-1 text-sm">
                  {(["onTime", "quality", "communication"] as const).map((c) => (
                    <div key={c} className="flex items-center justify-between gap-3">
                      <dt className="text-muted-foreground">{t(`criteria.${c}`)}</dt>
                      <dd>
                        <Stars value={r[c]} label={t("starsOf", { label: t(`criteria.${c}`), count: r[c] })} />
                      </dd>
                    </div>
                  ))}
                </dl>
                {r.comment ? <p className="whitespace-pre-line break-words text-sm">{r.comment}</p> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {actions.rate ? (
          <RatingForm dealId={deal.id} counterpart={counterpartName} />
        ) : viewer !== "introducer" && ratings.length < 2 && ratings.some((r) => r.side === viewer) ? (
          <p className="text-sm text-muted-foreground">{t("waitingOther")}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
