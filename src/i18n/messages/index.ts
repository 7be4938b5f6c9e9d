import type { AppLocale } from "../config";

/**
 * Messages are split by namespace (one JSON file per area, per locale) so that features can be
 * worked on without touching each other's files. Both locales must have the same keys: a test checks.
 */
const namespaces = ["common", "nav", "home", "auth", "org", "account", "admin", "privacy", "validation", "errors", "taxonomy", "listings", "certifications", "demands", "imports", "matching", "search", "notifications", "inquiries", "deals", "onboarding", "introductions", "analytics", "clusters", "billing", "bankTransfer", "managed"] as const;
export type Namespace = (typeof namespaces)[number];

export async function loadMessages(locale: AppLocale): Promise<Record<Namespace, Record<string, unknown>>> {
  const entries = await Promise.all(
    namespaces.map(async (ns) => [ns, (await import(`./${locale}/${ns}.json`)).default as Record<string, unknown>] as const),
  );
  return Object.fromEntries(entries) as Record<Namespace, Record<string, unknown>>;
}

export { namespaces };
