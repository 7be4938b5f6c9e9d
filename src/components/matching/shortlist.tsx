import { TRPCError } from "@trpc/server";
import { ListChecks, MapPin, SearchX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { cityName } from "@/components/demands/display";
import { InviteCheckbox, InviteProvider, InviteRowButton } from "@/components/inquiries/invite-controls";
import { loadDemandInquiries } from "@/components/inquiries/load";
import { InquiryStatusBadge } from "@/components/inquiries/status-badge";
import { orgName } from "@/components/org/display";
import { VerifiedBadge } from "@/components/org/verification-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";
import { ReasonList, GradeBadge } from "./reason-list";
import { SaveSupplierButton } from "./save-supplier-button";
import { reasonSentences, type ReasonT } from "./reasons";

/**
 * The demand's ranked shortlist, for the buyer organisation (the server refuses anyone else; then
 * nothing is rendered). Each supplier comes with "why this supplier" in plain sentences and can be
 * saved on the demand and invited to quote (several at once, with a note, while the demand takes
 * quotes); a supplier already invited (or quoting) shows its inquiry's status instead.
 */
export async function Shortlist({ demandId, canInvite, top = 20 }: { demandId: string; canInvite: boolean; top?: number }) {
  const caller = await getServerCaller();
  let data;
  try {
    data = await caller.match.forDemand({ demandId, top });
  } catch (e) {
    if (e instanceof TRPCError && ["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"].includes(e.code)) return null;
    throw e;
  }
  const [t, ti, locale, viewer, compared] = await Promise.all([
    getTranslations("matching"),
    getTranslations("inquiries.invite"),
    getLocale() as Promise<Locale>,
    getViewer(),
    loadDemandInquiries(demandId),
  ]);
  const tr = t as unknown as ReasonT;
  const inquiryBySupplier = new Map((compared?.rows ?? []).map((r) => [r.supplier.id, r]));
  const ownOrg = viewer?.active?.organizationId;

  return (
    <Card aria-labelledby="shortlist-title" data-testid="shortlist">
      <CardHeader>
        <CardTitle id="shortlist-title" className="flex items-center gap-2">
          <ListChecks className="h-5 w-5 text-primary" aria-hidden="true" />
          {t("shortlist.title")}
        </CardTitle>
        <p className="text-sm text-muted-foreground">{t("shortlist.description", { date: data.asOf })}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {data.items.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-8 text-center" data-testid="shortlist-empty">
            <SearchX className="h-8 w-8 text-muted-foreground" aria-hidden="true" />
            <h3 className="font-semibold">{t("shortlist.emptyTitle")}</h3>
            {data.blockers.length && data.blockers[0]!.count > 0 ? (
              <>
                <p className="max-w-md text-sm text-muted-foreground">
                  {t("shortlist.emptyBlocker", { constraint: t(`constraints.${data.blockers[0]!.constraint}`), count: data.blockers[0]!.count })}
                </p>
                {data.blockers.length > 1 ? (
                  <ul className="text-sm text-muted-foreground" aria-label={t("shortlist.relaxLabel")}>
                    {data.blockers.slice(1).filter((b) => b.count > 0).map((b) => (
                      <li key={b.constraint}>{t("shortlist.relaxOther", { constraint: t(`constraints.${b.constraint}`), count: b.count })}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            ) : (
              <p className="max-w-md text-sm text-muted-foreground">{t("shortlist.emptyNone")}</p>
            )}
          </div>
        ) : (
          <Invitable enabled={canInvite} demandId={data.demandId}>
            <ol className="flex flex-col gap-4" aria-label={t("shortlist.listLabel")}>
              {data.items.map((item) => {
                const city = cityName(item.cityAdcode, locale);
                const name = orgName(item.organization, locale);
                const inquiry = inquiryBySupplier.get(item.organization.id);
                return (
                  <li key={item.listingId} className="rounded-lg border p-4" data-testid="shortlist-item" aria-labelledby={`sl-${item.listingId}`}>
                    <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                      <div className="flex min-w-0 items-start gap-3">
                        <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-primary/10 text-sm font-semibold text-primary" aria-label={t("shortlist.rank", { rank: item.rank })}>
                          {item.rank}
                        </span>
                        <div className="flex min-w-0 flex-col gap-1">
                          <h3 id={`sl-${item.listingId}`} className="flex flex-wrap items-center gap-2 font-semibold">
                            <Link href={`/org/${item.organization.id}`} className="break-words underline-offset-4 hover:underline" data-testid="shortlist-org">
                              {name}
                            </Link>
                            {item.organization.verified ? <VerifiedBadge /> : null}
                          </h3>
                          <Link href={`/listings/${item.listingId}`} className="break-words text-sm text-primary underline-offset-4 hover:underline" data-testid="shortlist-listing">
                            {item.listingTitle}
                          </Link>
                          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                            {city ? (
                              <span className="inline-flex items-center gap-1">
                                <MapPin className="h-3.5 w-3.5" aria-hidden="true" />
                                {city}
                              </span>
                            ) : null}
                            {item.distanceKm !== null ? <span data-testid="shortlist-distance">{t("distanceKm", { km: Math.round(item.distanceKm) })}</span> : null}
                          </p>
                        </div>
                      </div>
                      <GradeBadge score={item.score} label={t("grade.label")} names={{ ideal: t("grade.ideal"), good: t("grade.good"), marginal: t("grade.marginal") }} />
                    </div>
                    <details className="group mt-3" open={item.rank <= 3}>
                      <summary className="cursor-pointer text-sm font-medium text-foreground underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
                        {t("why")}
                      </summary>
                      <div className="mt-2">
                        <ReasonList sentences={reasonSentences(item.reasons, tr, locale)} label={t("why")} caution={t("caution")} />
                      </div>
                    </details>
                    <div className="mt-3 flex flex-wrap items-center gap-2">
                      <SaveSupplierButton demandId={data.demandId} listingId={item.listingId} initialSaved={item.saved} />
                      {inquiry ? (
                        <span className="inline-flex flex-wrap items-center gap-2" data-testid="shortlist-inquiry">
                          <InquiryStatusBadge status={inquiry.status} />
                          <Button asChild size="sm" variant="ghost">
                            <Link href={`/inquiries/${inquiry.inquiryId}`} aria-label={ti("viewInquiryLabel", { supplier: name })}>
                              {ti("viewInquiry")}
                            </Link>
                          </Button>
                        </span>
                      ) : canInvite && item.organization.id !== ownOrg ? (
                        <>
                          <InviteCheckbox listingId={item.listingId} supplierName={name} listingTitle={item.listingTitle} />
                          <InviteRowButton listingId={item.listingId} supplierName={name} listingTitle={item.listingTitle} />
                        </>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ol>
          </Invitable>
        )}
        {data.items.length && !canInvite ? <p className="text-xs text-muted-foreground">{ti("closedNote")}</p> : null}
      </CardContent>
    </Card>
  );
}

/** The invitation controls need their provider only while the demand takes quotes. */
function Invitable({ enabled, demandId, children }: { enabled: boolean; demandId: string; children: ReactNode }) {
  return enabled ? <InviteProvider demandId={demandId}>{children}</InviteProvider> : <>{children}</>;
}
