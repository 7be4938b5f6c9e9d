"use server";

import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "@/i18n/config";
import { getServerCaller, getViewer } from "@/server/viewer";

/** Switches the UI language: a cookie for everyone, and the saved preference for a signed-in user. */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 86_400, sameSite: "lax", httpOnly: false });
  if (await getViewer()) await (await getServerCaller()).account.setLocale({ locale });
}
