import { Building2, Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { ConsentActions } from "@/components/managed/consent-actions";
import { RequestManagementForm } from "@/components/managed/request-form";
import { dateFormat, dateTimeFormat, orgName, placeName } from "@/components/org/display";
import { NoOrganizationPage } from "@/components/org/no-organization";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("managed.centre");
  return { title: t("title") };
}

/** 代管企业: the firms a service centre manages, its pending requests, and a search to ask another. */
export default async function ManagedFirmsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/managed");
  const [t, locale, format] = await Promise.all([getTranslations("managed.centre"), getLocale() as Promise<Locale>, getFormatter()]);
  if (viewer.active?.type !== "service_center") return <NoOrganizationPage title={t("title")} reason={t("notCentre")} body={t("description")} />;
  const { firms, pending } = await (await getServerCaller()).managed.firms();
  const canEnd = viewer.active.role === "owner" || viewer.active.role === "admin";
  const canEditProfile = canEnd;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <section aria-labelledby="managed-firms-title" className="flex min-w-0 flex-col gap-3 lg:col-span-2">
          <h2 id="managed-firms-title" className="text-lg font-semibold">
            {t("firmsTitle", { count: firms.length })}
          </h2>
          {firms.length === 0 ? (
            <EmptyState icon={<Building2 className="h-10 w-10" />} title={t("empty")} body={t("emptyBody")} />
          ) : (
            <div className="overflow-x-auto rounded-xl border bg-background">
              <table className="w-full min-w-[640px] text-sm" data-testid="managed-firms">
                <thead className="border-b bg-muted/50 text-left">
                  <tr>
                    {[t("firm"), t("city"), t("published"), t("lastChange"), t("actions")].map((h) => (
                      <th key={h} scope="col" className="px-3 py-2 font-medium">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {firms.map((f) => {
                    const name = orgName(f, locale);
                    return (
                      <tr key={f.id} className="border-b align-top last:border-0" data-testid="managed-firm">
                        <td className="px-3 py-2">
                          <Link href={`/org/${f.id}`} className="break-words font-medium hover:underline">
                            {name}
                          </Link>
                          <p className="mt-1 text-xs text-muted-foreground">
                            {f.consentId ? (f.since ? t("since", { date: format.dateTime(f.since, dateFormat) }) : t("byConsent")) : t("createdByCentre")}
                          </p>
                        </td>
                        <td className="px-3 py-2">{placeName(f, locale) ?? "—"}</td>
                        <td className="px-3 py-2 tabular-nums">{f.publishedListings}</td>
                        <td className="whitespace-nowrap px-3 py-2 text-muted-foreground">{format.dateTime(f.lastChangeAt, dateTimeFormat)}</td>
                        <td className="px-3 py-2">
                          <div className="flex flex-col items-start gap-2">
                            <Button asChild size="sm" variant="outline">
                              <Link href={`/my/managed/${f.id}`} aria-label={t("manageFor", { name })} data-testid="managed-firm-open">
                                <Pencil className="h-4 w-4" aria-hidden="true" />
                                {canEditProfile ? t("editProfileAndListings") : t("editListings")}
                              </Link>
                            </Button>
                            {f.consentId && canEnd ? <ConsentActions consentId={f.consentId} name={name} actions={["end"]} /> : null}
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}

          <h2 className="mt-4 text-lg font-semibold" id="managed-pending-title">
            {t("pendingTitle", { count: pending.length })}
          </h2>
          {pending.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("noPending")}</p>
          ) : (
            <ul className="flex flex-col gap-2" aria-labelledby="managed-pending-title" data-testid="managed-pending">
              {pending.map((p) => {
                const name = orgName(p, locale);
                return (
                  <li key={p.consentId} className="flex flex-col gap-2 rounded-lg border bg-background p-3 sm:flex-row sm:items-center sm:justify-between" data-testid="managed-pending-item">
                    <div className="min-w-0">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="break-words font-medium">{name}</span>
                        <Badge variant="warning">{t("awaiting")}</Badge>
                      </div>
                      <p className="text-xs text-muted-foreground">
                        {[placeName(p, locale), t("askedOn", { date: format.dateTime(p.requestedAt, dateFormat) })].filter(Boolean).join(" · ")}
                      </p>
                      {p.note ? <p className="mt-1 whitespace-pre-line break-words text-sm">{p.note}</p> : null}
                    </div>
                    {canEnd ? <ConsentActions consentId={p.consentId} name={name} actions={["withdraw"]} /> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <Card aria-labelledby="managed-request-title">
          <CardHeader>
            <CardTitle id="managed-request-title">{t("requestTitle")}</CardTitle>
            <CardDescription>{t("requestBody")}</CardDescription>
          </CardHeader>
          <CardContent>
            <RequestManagementForm />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
