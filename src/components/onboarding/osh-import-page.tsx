import { ListChecks } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { getServerCaller, getViewer } from "@/server/viewer";
import { OshImportPanel } from "./osh-import-panel";

/** Listings or facility list: the two imports of /my/import, as links (the page is a server component). */
export async function ImportFormatSwitch({ current }: { current: "listings" | "osh" }) {
  const t = await getTranslations("onboarding.formats");
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-2" data-testid="import-format">
      {(["listings", "osh"] as const).map((f) => (
        <Link
          key={f}
          href={f === "osh" ? "/my/import?format=osh" : "/my/import"}
          aria-current={f === current ? "page" : undefined}
          className={cn(
            "rounded-full border px-3 py-1 text-sm",
            f === current ? "border-primary bg-primary text-primary-foreground" : "hover:border-primary hover:text-primary",
          )}
          data-testid={`import-format-${f}`}
        >
          {t(f)}
        </Link>
      ))}
    </nav>
  );
}

/** Facility lists (formats §2) for service centres and platform admins, with the way to the review queue. */
export async function OshImportPage({ listings }: { listings: boolean }) {
  const [t, viewer, caller] = await Promise.all([getTranslations("onboarding"), getViewer(), getServerCaller()]);
  const pending = await caller.onboarding.reviewCount();
  const asCentre = viewer?.active?.type === "service_center" && (viewer.active.role === "owner" || viewer.active.role === "admin");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("osh.title")}
        description={t("osh.intro")}
        actions={
          <Button asChild variant="outline">
            <Link href="/my/import/review" data-testid="review-queue-link">
              <ListChecks className="h-4 w-4" aria-hidden="true" />
              {t("review.link")}
              {pending > 0 ? <Badge variant="warning">{t("review.pending", { count: pending })}</Badge> : null}
            </Link>
          </Button>
        }
      />
      {listings ? <ImportFormatSwitch current="osh" /> : null}
      <Alert variant="info" role="note" data-testid="osh-scope">
        {asCentre ? t("osh.centreNote") : t("osh.platformNote")}
      </Alert>
      <OshImportPanel />
    </div>
  );
}
