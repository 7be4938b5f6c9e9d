import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { ReviewQueue, type ReviewSide } from "@/components/onboarding/review-queue";
import { placeName } from "@/components/org/display";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";
import Link from "next/link";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.review");
  return { title: t("title") };
}

/** The review queue: facility-list rows that may be firms already on the platform, each beside its candidates. */
export default async function ReviewPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/import/review");
  const [t, locale] = await Promise.all([getTranslations("onboarding.review"), getLocale() as Promise<Locale>]);
  const manager = viewer.active?.role === "owner" || viewer.active?.role === "admin";
  const allowed = viewer.user.isPlatformAdmin || (manager && viewer.active?.type === "service_center");
  const back = (
    <Button asChild variant="outline">
      <Link href="/my/import?format=osh">{t("backToImport")}</Link>
    </Button>
  );
  if (!allowed) {
    return (
      <div>
        <PageHeader title={t("title")} actions={back} />
        <Alert variant="info" role="note" data-testid="review-forbidden">
          {t("forbidden")}
        </Alert>
      </div>
    );
  }
  const { items, total } = await (await getServerCaller()).onboarding.reviewItems({ limit: 50 });
  const side = (o: Omit<ReviewSide, "place">): ReviewSide => ({ ...o, place: placeName(o, locale) });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("intro")} actions={back} />
      <ReviewQueue
        total={total}
        items={items.map((i) => ({
          id: i.id,
          line: i.line,
          fileName: i.fileName,
          score: i.score,
          incoming: side({ ...i.incoming, id: null, owned: false, sources: i.incoming.sources.map((s) => ({ field: s.field, source: "import", line: i.line })) }),
          flags: i.incoming.flags,
          candidates: i.candidates.map((c) => ({ score: c.score, rule: c.rule, parts: c.parts, organization: side(c.organization) })),
        }))}
      />
    </div>
  );
}
