import type { SearchFilterKey } from "@/domain/schemas/search";
import { getCertification, getCity, getCounty, getFiber, getProcess, getProduct, localName, type Locale } from "@/domain/taxonomy";
import { chainLinkName } from "@/components/demands/display";

/**
 * The taxonomy name of a facet value (a code or an adcode) in the reader's language, or null for a
 * code the taxonomy does not know (an old import): those are left out, never shown raw. `kind` and
 * `verified` are translated by the page's own messages.
 */
export function facetValueLabel(key: SearchFilterKey, value: string, locale: Locale): string | null {
  switch (key) {
    case "chainLink":
      return chainLinkName(value, locale);
    case "process": {
      const p = getProcess(value);
      return p ? localName(p.process, locale) : null;
    }
    case "product": {
      const p = getProduct(value);
      return p ? localName(p, locale) : null;
    }
    case "fiber": {
      const x = getFiber(value);
      return x ? localName(x, locale) : null;
    }
    case "certification": {
      const c = getCertification(value);
      return c ? localName(c, locale) : null;
    }
    case "city": {
      const c = getCity(value);
      return c ? localName(c, locale) : null;
    }
    case "county": {
      const c = getCounty(value);
      return c ? localName(c, locale) : null;
    }
    default:
      return null;
  }
}
