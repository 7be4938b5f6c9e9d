import { TRPCError } from "@trpc/server";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DeadlineCountdown } from "@/components/demands/deadline-countdown";
import { chainLinkName, quantityText } from "@/components/demands/display";
import { formFromDemand } from "@/components/inquiries/quote-defaults";
import { QuoteForm } from "@/components/inquiries/quote-form";
import { PageHeader } from "@/components/layout/page-header";
import { orgName } from "@/components/org/display";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { uuidSchema } from "@/domain/schemas/common";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inquiries.respond");
  return { title: t("title") };
}

/**
 * A supplier's first quote on a demand (/inquiries/new?demand=…): a public open demand, or one it
 * was invited to. An inquiry that already has a quote continues on its own page.
 */
export default async function NewQuotePage({ searchParams }: { searchParams: Promise<{ demand?: string; listing?: string }> }) {
  const sp = await searchParams;
  const demandId = uuidSchema.safeParse(sp.demand);
  if (!demandId.success) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/inquiries/new?demand=${demandId.data}`)}`);
  const [t, locale] = await Promise.all([getTranslations("inquiries.respond"), getLocale() as Promise<Locale>]);
  if (!viewer.active) return <NoOrganizationPage title={t("title")} reason={t("noOrg")} />;
  const caller = await getServerCaller();
  let data;
  try {
    data = await caller.demand.byId({ id: demandId.data });
  } catch (e) {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const { demand: d, buyer, viewer: dv } = data;
  if (dv.isBuyer) redirect(`/demands/${d.id}`);
  const [mine, buyerOrg, me] = await Promise.all([
    caller.inquiry.listMine({ side: "supplier", demandId: d.id }).then((rows) => rows[0]),
    caller.organization.byId({ id: buyer.id }),
    caller.organization.byId({ id: viewer.active.organizationId }),
  ]);
  if (mine && (mine.latestQuote || mine.status !== "invited")) redirect(`/inquiries/${mine.id}`);
  const listingId = uuidSchema.safeParse(sp.listing);
  const reason = d.status === "expired" ? t("deadlinePassed") : d.status !== "open" ? t("notOpen") : null;

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <Link href={`/demands/${d.id}`} className="inline-flex items-center gap-1 self-start text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="h-4 w-4" aria-hidden="true" />
        {t("back")}
      </Link>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardContent className="flex flex-col gap-1.5 pt-6 text-sm">
          <p>
            <span className="text-muted-foreground">{t("demand")}</span>
            <Link href={`/demands/${d.id}`} className="font-semibold underline-offset-4 hover:underline" data-testid="respond-demand">
              {d.title}
            </Link>
          </p>
          <p>
            <span className="text-muted-foreground">{t("buyer")}</span>
            {orgName(buyer, locale)}
          </p>
          <p className="text-muted-foreground">{[chainLinkName(d.chainLink, locale), quantityText(d, locale)].filter(Boolean).join(" · ")}</p>
          {d.quoteDeadline ? <DeadlineCountdown deadline={d.quoteDeadline.toISOString()} serverNow={new Date().toISOString()} /> : null}
          {mine?.source === "invited" ? <p>{t("invitedNote")}</p> : null}
        </CardContent>
      </Card>
      {reason ? (
        <Alert variant="info" data-testid="respond-reason">
          {reason}
        </Alert>
      ) : (
        <QuoteForm
          target={{ mode: "respond", demandId: d.id, listingId: listingId.success ? listingId.data : undefined }}
          initial={formFromDemand(d)}
          parties={{ buyer: { type: buyerOrg.type }, supplier: { type: me.type, smeLevel: me.smeLevel } }}
        />
      )}
    </div>
  );
}
