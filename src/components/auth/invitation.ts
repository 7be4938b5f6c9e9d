import "server-only";
import { TRPCError } from "@trpc/server";
import { getServerCaller } from "@/server/viewer";

export type InvitationPreview = Awaited<ReturnType<Awaited<ReturnType<typeof getServerCaller>>["organization"]["previewInvitation"]>>;

/** The invitation behind a link, or the i18n key saying why it cannot be used. */
export async function loadInvitation(token: string): Promise<{ ok: true; invitation: InvitationPreview } | { ok: false; errorKey: string }> {
  try {
    const invitation = await (await getServerCaller()).organization.previewInvitation({ token });
    return { ok: true, invitation };
  } catch (e) {
    // Domain errors carry their message key; a malformed token fails input validation instead.
    if (e instanceof TRPCError && /^errors\.\w+$/.test(e.message)) return { ok: false, errorKey: e.message };
    if (e instanceof TRPCError && e.code !== "INTERNAL_SERVER_ERROR") return { ok: false, errorKey: "errors.invitationNotFound" };
    throw e;
  }
}

/** An organisation's name in the reader's language. */
export function orgDisplayName(org: { nameZh: string; nameEn: string | null }, locale: string): string {
  return locale === "en" && org.nameEn ? org.nameEn : org.nameZh;
}
