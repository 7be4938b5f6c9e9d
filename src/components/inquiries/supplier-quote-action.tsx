import { MessageSquareQuote } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { DemandStatus } from "@/domain/demand-text";
import { getServerCaller, getViewer } from "@/server/viewer";
import { InquiryStatusBadge } from "./status-badge";

/**
 * "报价" on a demand page for anyone but the buyer: answers a public open demand (or one the
 * supplier was invited to) on /inquiries/new; once the organisation has an inquiry here, links to
 * it instead. After the deadline (or once the demand is closed) the button stays, disabled, with
 * the reason next to it.
 */
export async function SupplierQuoteAction({ demandId, status }: { demandId: string; status: DemandStatus }) {
  const [t, viewer] = await Promise.all([getTranslations("inquiries.respond"), getViewer()]);
  const reasonId = `respond-reason-${demandId}`;
  const href = `/inquiries/new?demand=${demandId}`;
  let body;
  if (!viewer) {
    body =
      status === "open" ? (
        <Button asChild>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/demands/${demandId}`)}`} data-testid="respond-signin">
            {t("signIn")}
          </Link>
        </Button>
      ) : null;
  } else if (!viewer.active) {
    body = <p className="text-sm text-muted-foreground">{t("noOrg")}</p>;
  } else {
    const [mine] = await (await getServerCaller()).inquiry.listMine({ side: "supplier", demandId });
    const reason = status === "expired" ? t("deadlinePassed") : status !== "open" ? t("notOpen") : null;
    // A first quote only: an inquiry already quoted (or ended) is continued on its own page.
    const firstQuote = !mine || (mine.status === "invited" && !mine.latestQuote);
    body = (
      <div className="flex flex-col gap-3">
        {mine?.source === "invited" ? <p className="text-sm">{t("invitedNote")}</p> : null}
        {mine ? (
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <InquiryStatusBadge status={mine.status} />
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {!firstQuote ? null : reason ? (
            <Button aria-disabled="true" aria-describedby={reasonId} className="cursor-not-allowed opacity-50" data-testid="respond-quote">
              <MessageSquareQuote className="h-4 w-4" aria-hidden="true" />
              {t("button")}
            </Button>
          ) : (
            <Button asChild>
              <Link href={href} data-testid="respond-quote">
                <MessageSquareQuote className="h-4 w-4" aria-hidden="true" />
                {t("button")}
              </Link>
            </Button>
          )}
          {mine ? (
            <Button asChild variant={firstQuote ? "outline" : "default"}>
              <Link href={`/inquiries/${mine.id}`} data-testid="respond-view-inquiry">
                {t("viewMine")}
              </Link>
            </Button>
          ) : null}
        </div>
        {reason && firstQuote ? (
          <p id={reasonId} className="text-sm text-muted-foreground" data-testid="respond-reason">
            {reason}
          </p>
        ) : null}
      </div>
    );
  }
  if (!body) return null;
  return (
    <Card aria-labelledby="respond-title" data-testid="respond-card">
      <CardHeader>
        <CardTitle id="respond-title">{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">{body}</CardContent>
    </Card>
  );
}
