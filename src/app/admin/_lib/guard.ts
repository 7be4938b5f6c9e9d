import "server-only";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getViewer } from "@/server/viewer";

/**
 * Signed-out visitors go to sign-in; signed-in non-admins get null (the layout shows them a 403
 * message, and pages render nothing rather than calling admin procedures that would throw).
 */
export async function requireAdmin(callbackUrl: string) {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return viewer.user.isPlatformAdmin ? viewer : null;
}

/** Page titles: the tab's name for admins, the refusal for everyone else. */
export async function adminMetadata(tab: "verification" | "claims" | "outbox" | "audit" | "settings" | "billing"): Promise<Metadata> {
  const [viewer, t] = await Promise.all([getViewer(), getTranslations("admin")]);
  if (!viewer?.user.isPlatformAdmin) return { title: t("forbidden.title") };
  return { title: `${t(`tabs.${tab}`)} · ${t("title")}` };
}
