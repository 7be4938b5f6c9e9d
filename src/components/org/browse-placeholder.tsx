import { ArrowRight, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { getViewer } from "@/server/viewer";

export type BrowseKind = "listings" | "demands" | "capacity";

/**
 * The marketplace pages before their first entries: say what will appear here and what a newcomer
 * does now, which depends on whether they have an account and an organisation yet.
 */
export async function BrowsePlaceholder({ kind, icon: Icon }: { kind: BrowseKind; icon: LucideIcon }) {
  const [t, viewer] = await Promise.all([getTranslations(`org.browse.${kind}`), getViewer()]);
  const tb = await getTranslations("org.browse");
  const stage = !viewer ? "guest" : viewer.active ? "member" : "noOrganization";
  const primary = {
    guest: { href: "/signup", label: tb("ctaSignUp") },
    noOrganization: { href: "/my/organization/new", label: tb("ctaCreate") },
    member: { href: "/my/organization", label: tb("ctaProfile") },
  }[stage];
  const steps = [tb("steps.register"), tb("steps.verify"), t("stepPublish")];
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState
        icon={<Icon className="h-10 w-10" />}
        title={t("emptyTitle")}
        body={t(`emptyBody.${stage}`)}
        action={
          <div className="flex flex-col items-center gap-6">
            <div className="flex flex-wrap justify-center gap-2">
              <Button asChild>
                <Link href={primary.href}>
                  {primary.label}
                  <ArrowRight className="h-4 w-4" aria-hidden="true" />
                </Link>
              </Button>
              <Button asChild variant="outline">
                <Link href="/clusters">{tb("ctaClusters")}</Link>
              </Button>
            </div>
            <div className="w-full max-w-md text-left">
              <h3 className="mb-2 text-sm font-semibold">{tb("stepsTitle")}</h3>
              <ol className="flex flex-col gap-2 text-sm text-muted-foreground">
                {steps.map((s, i) => (
                  <li key={s} className="flex gap-3">
                    <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-secondary text-xs font-semibold text-secondary-foreground" aria-hidden="true">
                      {i + 1}
                    </span>
                    <span className="pt-0.5">{s}</span>
                  </li>
                ))}
              </ol>
            </div>
          </div>
        }
      />
    </div>
  );
}
