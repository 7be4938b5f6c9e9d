import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { dateFormat, orgName, placeName } from "@/components/org/display";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/domain/taxonomy";
import { getServerCaller } from "@/server/viewer";
import { ConsentActions } from "./consent-actions";
import { GrantManagementForm } from "./grant-form";

/**
 * 服务中心代管 on the firm's settings (owners and admins): the centres that manage the firm or ask
 * to, with accept / decline / revoke, and a way to grant a centre directly.
 */
export async function ManagedConsentsCard() {
  const [t, locale, format, consents] = await Promise.all([getTranslations("managed.firmCard"), getLocale() as Promise<Locale>, getFormatter(), (await getServerCaller()).managed.consents()]);
  return (
    <Card id="managed" aria-labelledby="managed-title" data-testid="managed-consents">
      <CardHeader>
        <CardTitle id="managed-title">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {consents.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {consents.map((c) => {
              const name = orgName(c.centre, locale);
              return (
                <li key={c.id} className="flex flex-col gap-2 rounded-lg border p-3" data-testid="managed-consent" data-status={c.status}>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="break-words font-medium">{name}</span>
                    <Badge variant={c.status === "active" ? "success" : "warning"}>{t(`status.${c.status as "active" | "requested"}`)}</Badge>
                  </div>
                  <p className="text-xs text-muted-foreground">
                    {[placeName(c.centre, locale), c.status === "active" && c.grantedAt ? t("since", { date: format.dateTime(c.grantedAt, dateFormat) }) : t("askedOn", { date: format.dateTime(c.createdAt, dateFormat) })]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  {c.note ? <p className="whitespace-pre-line break-words text-sm">{t("note", { note: c.note })}</p> : null}
                  <ConsentActions consentId={c.id} name={name} actions={c.status === "active" ? ["revoke"] : ["accept", "decline"]} />
                </li>
              );
            })}
          </ul>
        )}
        <details className="rounded-lg border p-3">
          <summary className="cursor-pointer text-sm font-medium">{t("grantTitle")}</summary>
          <p className="my-2 text-xs text-muted-foreground">{t("grantHint")}</p>
          <GrantManagementForm />
        </details>
      </CardContent>
    </Card>
  );
}
