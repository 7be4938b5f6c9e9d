import "server-only";
import type { Settings } from "meilisearch";
import { certificationSchemes, chainLinks, counties, fibers, processes, products, shandongCities } from "@/domain/taxonomy";
import type { SearchEntity } from "./engine";

/**
 * Index settings per entity. Applied before any document is added (a settings change re-indexes
 * everything already there). Text fields come in a Chinese and an English variant so each gets the
 * right segmenter: `cmn` (jieba) for *Zh, `eng` for *En.
 */
const TEXT_ZH = ["titleZh", "termsZh", "descriptionZh", "orgNameZh"] as const;
const TEXT_EN = ["titleEn", "termsEn", "descriptionEn", "orgNameEn"] as const;

/** Codes: exact tokens; a typo-tolerant match on an id or adcode would be a wrong match. */
const CODES = ["id", "organizationId", "ref", "cityAdcode", "countyAdcode", "chainLink", "processes", "products", "fibers"] as const;

const common = {
  searchable: ["titleZh", "titleEn", "termsZh", "termsEn", "orgNameZh", "orgNameEn", "descriptionZh", "descriptionEn"],
};

const listingFilterable = [
  "id",
  "kind",
  "status",
  "organizationId",
  "orgVerified",
  "orgFeatured",
  "ref",
  "chainLink",
  "processes",
  "processesCovered",
  "products",
  "fibers",
  "fibersCovered",
  "cityAdcode",
  "countyAdcode",
  "_geo",
  "certifications",
  "availableFrom",
  "availableTo",
  "capacityUnit",
  "capacityValue",
  "moqValue",
  "leadTimeDays",
  "yarnCountNeMin",
  "yarnCountNeMax",
  "gsmMin",
  "gsmMax",
  "widthCmMax",
  "safetyClass",
  "updatedAt",
] as const;

const demandFilterable = [
  "id",
  "status",
  "visibility",
  "organizationId",
  "orgVerified",
  "orgPriority",
  "chainLink",
  "processes",
  "products",
  "fibers",
  "requiredCertifications",
  "cityAdcode",
  "_geo",
  "needBy",
  "quoteDeadline",
  "quantityUnit",
  "quantityValue",
  "safetyClass",
  "updatedAt",
] as const;

export const FILTERABLE: Record<SearchEntity, readonly string[]> = { listing: listingFilterable, demand: demandFilterable };

/**
 * The paid placement flag of each entity (docs/billing.md "Placement"): a custom ranking rule after
 * the built-in ones, so it only orders documents the text ranks equally. Booleans are string facets
 * in Meilisearch ("true" > "false"), so `:desc` puts featured/priority first.
 */
export const PLACEMENT_FLAG: Record<SearchEntity, "orgFeatured" | "orgPriority"> = { listing: "orgFeatured", demand: "orgPriority" };

export const SORTABLE: Record<SearchEntity, readonly string[]> = {
  listing: ["updatedAt", "capacityValue", "leadTimeDays", "availableFrom", "availableTo", "_geo"],
  demand: ["updatedAt", "needBy", "quoteDeadline", "quantityValue", "_geo"],
};

/** Meilisearch counts and pages through at most this many hits per search. */
export const MAX_TOTAL_HITS = 10_000;

/** Text fields a hit may be highlighted in. */
export const HIGHLIGHTED = ["titleZh", "titleEn", "descriptionZh", "descriptionEn"] as const;

// ---- Synonyms from the taxonomy ----------------------------------------------------------------

interface Named {
  zh: string;
  en?: string;
  name?: string;
  aliases?: string[];
}

/** "Nylon (polyamide)" → ["nylon", "polyamide"]; "轧花（皮棉）" → ["轧花", "皮棉"]. */
function variants(name: string): string[] {
  const n = name.normalize("NFKC").trim();
  const inner = [...n.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const outer = n.replace(/\([^)]*\)/g, " ");
  return [outer, ...inner]
    .flatMap((s) => s.split(/\s*[/／、]\s*/))
    .map((s) => s.replace(/[®™]/g, "").replace(/\s+/g, " ").trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Whether a term is safe as a synonym: a lone Latin letter (T, C) means a fibre only inside blend
 * codes, and long phrases never match a query word anyway.
 */
function usable(term: string): boolean {
  if (/^[a-z0-9]$/i.test(term)) return false;
  return term.length <= 40 && term.split(" ").length <= 4;
}

function groupOf(entry: Named): string[] {
  const names = [entry.zh, entry.en, entry.name, ...(entry.aliases ?? [])].filter((s): s is string => Boolean(s));
  return [...new Set(names.flatMap(variants).filter(usable))];
}

/**
 * Multi-way synonyms: every name and alias of an entry maps to the others (涤纶 ↔ polyester ↔ pet ↔
 * 聚酯). A term shared by two entries maps to the names of both; nothing is chained further.
 */
export function taxonomySynonyms(): Record<string, string[]> {
  const groups: string[][] = [
    ...chainLinks.map(groupOf),
    ...processes.map(groupOf),
    ...products.map(groupOf),
    ...fibers.map(groupOf),
    ...certificationSchemes.map(groupOf),
    ...shandongCities.map(groupOf),
    ...counties.map(groupOf),
  ];
  const out = new Map<string, Set<string>>();
  for (const group of groups) {
    if (group.length < 2) continue;
    for (const term of group) {
      const set = out.get(term) ?? new Set<string>();
      for (const other of group) if (other !== term) set.add(other);
      out.set(term, set);
    }
  }
  return Object.fromEntries([...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()]));
}

/** The full settings payload for an entity's index (PATCH /indexes/{uid}/settings). */
export function indexSettings(entity: SearchEntity): Settings {
  return {
    searchableAttributes: [...common.searchable],
    filterableAttributes: [...FILTERABLE[entity]],
    sortableAttributes: [...SORTABLE[entity]],
    displayedAttributes: ["*"],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", `${PLACEMENT_FLAG[entity]}:desc`],
    localizedAttributes: [
      { attributePatterns: [...TEXT_ZH], locales: ["cmn"] },
      { attributePatterns: [...TEXT_EN], locales: ["eng"] },
    ],
    synonyms: taxonomySynonyms(),
    typoTolerance: {
      enabled: true,
      disableOnAttributes: [...CODES],
      disableOnNumbers: true,
      // Latin trade words are short; "polyster" (one typo) and "geotextle" must still match.
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    },
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    searchCutoffMs: 150,
  };
}

export const TEXT_FIELDS = { zh: TEXT_ZH, en: TEXT_EN };
