import { MapPin, Store } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { countyName } from "@/components/org/display";
import { Badge } from "@/components/ui/badge";
import { getChainLink, localName, type LocalCluster, type Locale, type ShandongCity } from "@/domain/taxonomy";
import type { PolicyCluster } from "./policy-clusters";

export function ChainLinkBadges({ ids, locale }: { ids: string[]; locale: Locale }) {
  const t = useTranslations("taxonomy.clusters");
  const links = chainLinksInOrder(ids);
  if (links.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={t("chainLinks")}>
      {links.map((c) => (
        <li key={c.id}>
          <Badge variant="secondary">{localName(c, locale)}</Badge>
        </li>
      ))}
    </ul>
  );
}

export function LocalClusterItem({ cluster, locale }: { cluster: LocalCluster; locale: Locale }) {
  const t = useTranslations("taxonomy.clusters");
  const Icon = cluster.kind === "market" ? Store : MapPin;
  return (
    <li className="flex items-start gap-2">
      <Icon className="mt-0.5 h-4 w-4 shrink-0 text-primary" aria-hidden="true" />
      <span className="min-w-0">
        <span className="break-words">{localName(cluster, locale)}</span>{" "}
        <span className="whitespace-nowrap text-xs text-muted-foreground">· {t(`kinds.${cluster.kind.replace("+", "_")}`)}</span>
      </span>
    </li>
  );
}

/** "China Home Textiles City — Gaomi, Weifang", translated where the messages know the title. */
export function PolicyClusterLabel({ cluster, locale, linkCity = true }: { cluster: PolicyCluster; locale: Locale; linkCity?: boolean }) {
  const t = useTranslations("taxonomy");
  const title = cluster.titleKey ? t(`policyTitles.${cluster.titleKey}`) : cluster.titleZh;
  const placeParts = [cluster.county && countyName(cluster.county, cluster.city, locale), cluster.city && localName(cluster.city, locale)].filter(
    (p): p is string => typeof p === "string",
  );
  const place = placeParts.length > 0 ? (locale === "zh-CN" ? placeParts.reverse().join("") : placeParts.join(", ")) : cluster.place;
  return (
    <>
      <span className="block font-medium">{title}</span>
      <span className="block text-sm text-muted-foreground">
        {linkCity && cluster.city ? (
          <Link href={`/clusters/${cluster.city.adcode}`} className="underline-offset-4 hover:text-primary hover:underline">
            {place}
          </Link>
        ) : (
          place
        )}
      </span>
    </>
  );
}

/** Chain links by their place along the chain (fibre first), whatever order the taxonomy lists them in. */
export function chainLinksInOrder(ids: string[]) {
  return ids
    .map(getChainLink)
    .filter((c) => c !== undefined)
    .sort((a, b) => a.order - b.order);
}

export function cityAltName(city: ShandongCity, locale: Locale): string {
  return locale === "zh-CN" ? city.en : city.zh;
}
