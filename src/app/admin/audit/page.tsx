import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { dateTimeFormat } from "@/components/org/display";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { uuidSchema } from "@/domain/schemas/common";
import { getServerCaller } from "@/server/viewer";
import { adminMetadata, requireAdmin } from "../_lib/guard";

export const dynamic = "force-dynamic";

const PAGE = 50;

export function generateMetadata(): Promise<Metadata> {
  return adminMetadata("audit");
}

type Search = { before?: string; org?: string };

function query(params: Search): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const s = q.toString();
  return s ? `/admin/audit?${s}` : "/admin/audit";
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (!(await requireAdmin("/admin/audit"))) return null;
  const sp = await searchParams;
  const before = sp.before && /^\d+$/.test(sp.before) ? Number(sp.before) : undefined;
  const orgParsed = uuidSchema.safeParse(sp.org ?? "");
  const organizationId = orgParsed.success ? orgParsed.data : undefined;
  const [caller, t, format, locale] = await Promise.all([getServerCaller(), getTranslations("admin.audit"), getFormatter(), getLocale()]);
  const entries = await caller.admin.audit({ before, organizationId, limit: PAGE });
  const last = entries.at(-1);
  const actionLabel = (action: string) => (t.has(`actions.${action}`) && typeof t.raw(`actions.${action}`) === "string" ? t(`actions.${action}`) : action);

  return (
    <div className="flex flex-col gap-4">
      <form method="get" action="/admin/audit" className="flex flex-col gap-2 rounded-xl border bg-background p-4 sm:flex-row sm:items-end" role="search">
        <div className="flex flex-1 flex-col gap-1.5">
          <Label htmlFor="audit-org">{t("filterOrg")}</Label>
          <Input id="audit-org" name="org" defaultValue={organizationId ?? ""} placeholder={t("filterOrgPlaceholder")} aria-describedby="audit-org-hint" className="font-mono" />
          <p id="audit-org-hint" className="text-xs text-muted-foreground">
            {t("filterOrgHint")}
          </p>
        </div>
        <div className="flex gap-2 sm:mb-5">
          <Button type="submit">{t("filter")}</Button>
          {organizationId ? (
            <Button asChild variant="outline">
              <Link href="/admin/audit">{t("clearFilter")}</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {entries.length === 0 ? (
        <div className="rounded-xl border border-dashed bg-background px-6 py-14 text-center">
          <h2 className="text-lg font-semibold">{t("emptyTitle")}</h2>
          <p className="mt-1 text-sm text-muted-foreground">{t("emptyBody")}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl border bg-background" role="region" aria-labelledby="audit-caption" tabIndex={0}>
          <table className="w-full min-w-[48rem] text-left text-sm">
            <caption id="audit-caption" className="sr-only">
              {t("caption")}
            </caption>
            <thead className="border-b bg-muted/60 text-xs uppercase tracking-wide text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t("time")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("action")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("entity")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("organization")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("actor")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("changes")}</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {entries.map((e) => (
                <tr key={e.id} className="align-top" data-testid="audit-entry">
                  <td className="whitespace-nowrap px-3 py-2">
                    <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, dateTimeFormat)}</time>
                    <span className="block text-xs text-muted-foreground">#{e.id}</span>
                  </td>
                  <td className="px-3 py-2">
                    <span className="font-medium">{actionLabel(e.action)}</span>
                    <span className="block font-mono text-xs text-muted-foreground">{e.action}</span>
                  </td>
                  <td className="px-3 py-2">
                    {e.entityType}
                    {e.entityId ? (
                      <span className="block max-w-[10rem] truncate font-mono text-xs text-muted-foreground" title={e.entityId}>
                        {e.entityId}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    {e.organizationId ? (
                      <span className="flex flex-col gap-0.5">
                        <Link href={`/org/${e.organizationId}`} className="text-primary underline-offset-4 hover:underline">
                          {(locale === "en" && e.organizationNameEn) || e.organizationNameZh || t("viewOrganization")}
                        </Link>
                        <Link href={query({ org: e.organizationId })} className="text-xs text-muted-foreground underline-offset-4 hover:underline">
                          {t("onlyThisOrganization")}
                        </Link>
                      </span>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {e.actorUserId ? (
                      <span className="block max-w-[14rem]" title={e.actorUserId}>
                        {e.actorName}
                        <span className="block truncate text-xs text-muted-foreground">{e.actorEmail}</span>
                      </span>
                    ) : (
                      <span className="text-muted-foreground">{t("system")}</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {e.changes ? (
                      <details>
                        <summary className="cursor-pointer text-primary">{t("showChanges")}</summary>
                        <pre className="mt-2 max-h-64 max-w-md overflow-auto whitespace-pre-wrap break-words rounded bg-muted p-2 font-mono text-xs">
                          {JSON.stringify(e.changes, null, 2)}
                        </pre>
                      </details>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label={t("pagination")} className="flex flex-wrap justify-between gap-2">
        {before ? (
          <Button asChild variant="outline">
            <Link href={query({ org: organizationId })}>{t("newest")}</Link>
          </Button>
        ) : (
          <span />
        )}
        {entries.length === PAGE && last ? (
          <Button asChild variant="outline">
            <Link href={query({ org: organizationId, before: String(last.id) })} data-testid="audit-older">
              {t("older")}
            </Link>
          </Button>
        ) : null}
      </nav>
    </div>
  );
}
