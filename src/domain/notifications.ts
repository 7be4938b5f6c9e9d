import { z } from "zod";
import { msg } from "./schemas/common";
import { savedSearchQuerySchema } from "./schemas/search";

/**
 * The notification centre's shared vocabulary, for the server (e-mail) and the browser (the bell,
 * /notifications): the kinds and their default channels, and one renderer that turns a stored
 * notification (kind + params, never text) into a title and body in the reader's language with
 * the `notifications` messages. A new kind is one entry in NOTIFICATION_KINDS plus its
 * `kinds.<kind>.title/body` messages; preferences and the list pick it up.
 */
export const NOTIFICATION_KINDS = [
  "demandFit",
  "savedSearch",
  // The deal flow (docs/deals.md).
  "inquiryInvited",
  "quoteReceived",
  "quoteCountered",
  "quoteAwarded",
  "quoteNotAwarded",
  "demandClosed",
  "inquiryDeclined",
  "messageReceived",
  "dealStageChanged",
  "dealStageLate",
  "paymentTermsWarning",
  "ratingReceived",
  // A service centre introduced a supplier to a demand (issue 6): both firms are told.
  "introduced",
  // Onboarding: a firm's claim (认领) of a profile decided by a platform admin.
  "claimApproved",
  "claimRejected",
  // Managed profiles (代管, docs/managed-profiles.md): a centre asks, the firm grants, either ends it.
  "managementRequested",
  "managementGranted",
  "managementEnded",
  // Bank transfer (对公转账) and 发票 requests, decided by a platform admin (docs/billing.md).
  "transferConfirmed",
  "transferCancelled",
  "vatInvoiceIssued",
  "vatInvoiceRejected",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);

export interface ChannelPreference {
  inApp: boolean;
  email: boolean;
}

/** What a user gets for a kind until they change it (no preference row). */
export const KIND_DEFAULTS: Record<NotificationKind, ChannelPreference> = {
  demandFit: { inApp: true, email: true },
  savedSearch: { inApp: true, email: true },
  inquiryInvited: { inApp: true, email: true },
  quoteReceived: { inApp: true, email: true },
  quoteCountered: { inApp: true, email: true },
  quoteAwarded: { inApp: true, email: true },
  quoteNotAwarded: { inApp: true, email: false },
  demandClosed: { inApp: true, email: false },
  inquiryDeclined: { inApp: true, email: false },
  // A busy thread would flood the inbox: messages are in the app unless a user asks for e-mail.
  messageReceived: { inApp: true, email: false },
  dealStageChanged: { inApp: true, email: false },
  dealStageLate: { inApp: true, email: true },
  paymentTermsWarning: { inApp: true, email: true },
  ratingReceived: { inApp: true, email: false },
  introduced: { inApp: true, email: true },
  claimApproved: { inApp: true, email: true },
  claimRejected: { inApp: true, email: true },
  managementRequested: { inApp: true, email: true },
  managementGranted: { inApp: true, email: true },
  managementEnded: { inApp: true, email: true },
  transferConfirmed: { inApp: true, email: true },
  transferCancelled: { inApp: true, email: true },
  vatInvoiceIssued: { inApp: true, email: true },
  vatInvoiceRejected: { inApp: true, email: true },
};

export const preferenceInputSchema = z.object({ kind: notificationKindSchema, inApp: z.boolean(), email: z.boolean() });
export type PreferenceInput = z.output<typeof preferenceInputSchema>;

/** Parameters stored with each kind (strings and numbers only, plus lists of strings). */
export type NotificationParams = Record<string, string | number | string[]>;

/** The subset of a next-intl translator the renderer needs (scoped to the `notifications` namespace). */
export interface NotificationTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/** A stored notification's kind and params → its title and body in the translator's language. */
export function renderNotification(t: NotificationTranslator, n: { kind: string; params: unknown }): { title: string; body: string } {
  const raw = (n.params && typeof n.params === "object" ? n.params : {}) as Record<string, unknown>;
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) values[k] = v.map(String).join(t("listSeparator"));
    else if (typeof v === "number" || typeof v === "string") values[k] = v;
    else if (v !== null && v !== undefined) values[k] = String(v);
  }
  const base = `kinds.${n.kind}`;
  if (!t.has(`${base}.title`)) return { title: t("kinds.unknown.title"), body: t("kinds.unknown.body") };
  try {
    return { title: t(`${base}.title`, values), body: t(`${base}.body`, values) };
  } catch {
    // Params of an older shape: still say what happened, without the details.
    return { title: t("kinds.unknown.title"), body: t("kinds.unknown.body") };
  }
}

// ---- Saved searches ----

export const SAVED_SEARCH_LIMIT = 50;

export const savedSearchNameSchema = z.string().trim().min(1, msg("required")).max(60, msg("tooLong"));

export const savedSearchCreateSchema = z.object({ name: savedSearchNameSchema, query: savedSearchQuerySchema, alert: z.boolean().default(true) });
export type SavedSearchCreateInput = z.input<typeof savedSearchCreateSchema>;
