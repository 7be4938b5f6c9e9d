import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, LOCALE_COOKIE, timeZone, type AppLocale } from "./config";
import { loadMessages } from "./messages";
import { getViewer } from "@/server/viewer";

/**
 * The language is the signed-in user's saved choice, else the cookie set by the language switch,
 * else Chinese.
 */
export default getRequestConfig(async () => {
  const viewer = await getViewer().catch(() => null);
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: AppLocale = viewer?.user.locale ?? (isLocale(cookie) ? cookie : defaultLocale);
  return { locale, messages: await loadMessages(locale), timeZone, now: new Date() };
});
