export const locales = ["zh-CN", "en"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "zh-CN";
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** Dates and deadlines are shown in China Standard Time wherever the viewer is. */
export const timeZone = "Asia/Shanghai";
export const isLocale = (v: unknown): v is AppLocale => locales.includes(v as AppLocale);
