import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ImportPanel } from "@/components/imports/import-panel";
import { ImportFormatSwitch, OshImportPage } from "@/components/onboarding/osh-import-page";
import { PageHeader } from "@/components/layout/page-header";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports");
  return { title: t("title") };
}

/**
 * Bulk import for organisation owners/admins and service centres: the Listings CSV/XLSX, and (for
 * service centres and platform admins) Open Supply Hub facility lists with entity resolution.
 */
export default async function ImportPage({ searchParams }: { searchParams: Promise<{ format?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/import");
  const [t, to, format, { format: asked }] = await Promise.all([getTranslations("imports"), getTranslations("org"), getFormatter(), searchParams]);
  const manager = viewer.active?.role === "owner" || viewer.active?.role === "admin";
  const canOsh = viewer.user.isPlatformAdmin || (manager && viewer.active?.type === "service_center");
  // A platform admin without an organisation imports facility lists only.
  if (canOsh && (asked === "osh" || !viewer.active)) return <OshImportPage listings={Boolean(viewer.active && manager)} />;

  if (!viewer.active) return <NoOrganizationPage title={t("title")} reason={to("my.noOrgTitle")} body={to("my.noOrgBody")} />;
  const canImport = manager;
  if (!canImport) {
    return (
      <div>
        <PageHeader title={t("title")} description={t("intro")} />
        <Alert variant="info" role="note" data-testid="import-forbidden">
          {t("forbidden")}
        </Alert>
      </div>
    );
  }
  const caller = await getServerCaller();
  const [org, jobs] = await Promise.all([caller.organization.mine(), caller.imports.jobs()]);
  const isServiceCenter = org?.type === "service_center";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("intro")} />
      {canOsh ? <ImportFormatSwitch current="listings" /> : null}
      <Alert variant="info" role="note" data-testid="import-scope">
        {isServiceCenter ? t("serviceCenterNote") : t("orgNote")}
      </Alert>
      <ImportPanel />
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t("recentTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          {jobs.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("recentEmpty")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full min-w-[32rem] text-left text-sm" data-testid="import-jobs">
                <caption className="sr-only">{t("recentTitle")}</caption>
                <thead className="text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("fileName")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("created")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("updated")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("unchanged")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("rejected")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.map((j) => (
                    <tr key={j.id} className="border-t">
                      <td className="py-2 pr-3">
                        <div className="font-medium">{j.fileName ?? "—"}</div>
                        <div className="text-xs text-muted-foreground">{format.dateTime(j.createdAt, { dateStyle: "medium", timeStyle: "short" })}</div>
                      </td>
                      <td className="py-2 pr-3 tabular-nums">{j.created}</td>
                      <td className="py-2 pr-3 tabular-nums">{j.updated}</td>
                      <td className="py-2 pr-3 tabular-nums">{j.unchanged}</td>
                      <td className="py-2 pr-3 tabular-nums">{j.rejected}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
