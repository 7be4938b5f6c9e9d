import { getLocale, getTranslations } from "next-intl/server";
import { cityName } from "@/components/demands/display";
import { orgName } from "@/components/org/display";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { DemandStatus } from "@/domain/demand-text";
import { chainLinkIds, type Locale } from "@/domain/taxonomy";
import { getServerCaller, getViewer } from "@/server/viewer";
import { IntroduceForm, type IntroductionCandidate } from "./introduce-form";

/**
 * "引荐供应商" on a demand page, for members of a service centre (issue 6): pick a supplier from
 * the published listings of the demand's chain link (the buyer's own left out) and add a note.
 * Renders nothing for anyone else.
 */
export async function IntroduceSupplier({ demand, buyerId }: { demand: { id: string; status: DemandStatus; visibility: string; chainLink: string | null }; buyerId: string }) {
  const viewer = await getViewer();
  if (viewer?.active?.type !== "service_center" || viewer.active.organizationId === buyerId || demand.visibility !== "public") return null;
  const [t, locale] = await Promise.all([getTranslations("introductions.form"), getLocale() as Promise<Locale>]);
  let body;
  if (demand.status !== "open") body = <p className="text-sm text-muted-foreground">{t("closed")}</p>;
  else {
    const { items } = await (await getServerCaller()).listing.browse({ chainLink: chainLinkIds.find((c) => c === demand.chainLink), pageSize: 100 });
    const candidates: IntroductionCandidate[] = items
      .filter((l) => l.orgId !== buyerId)
      .map((l) => {
        const city = cityName(l.cityAdcode, locale);
        const title = locale === "en" && l.titleEn ? l.titleEn : l.title;
        return { value: `${l.orgId}:${l.id}`, label: `${orgName({ nameZh: l.orgNameZh, nameEn: l.orgNameEn }, locale)} — ${title}${city ? ` (${city})` : ""}` };
      });
    body = candidates.length ? <IntroduceForm demandId={demand.id} candidates={candidates} /> : <p className="text-sm text-muted-foreground">{t("none")}</p>;
  }
  return (
    <Card aria-labelledby="introduce-title" data-testid="introduce-supplier-card">
      <CardHeader>
        <CardTitle id="introduce-title">{t("title")}</CardTitle>
        <p className="text-sm text-muted-foreground">{t("description")}</p>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
