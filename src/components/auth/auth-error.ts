/** A translatable message: an i18n key such as "errors.rateLimited" and its ICU parameters. */
export interface MessageRef {
  key: string;
  params: Record<string, string | number>;
}

/**
 * next-auth hands back the credentials provider's error as text; our providers encode it as JSON
 * (see server/auth/options.ts). Anything else (an old link's ?error=CredentialsSignin, a proxy page)
 * reads as a failed sign-in.
 */
export function parseAuthError(error: string | null | undefined): MessageRef {
  const fallback: MessageRef = { key: "errors.invalidCredentials", params: {} };
  if (!error) return fallback;
  try {
    const parsed = JSON.parse(error) as { key?: unknown; params?: unknown };
    if (typeof parsed.key !== "string" || !/^errors\.\w+$/.test(parsed.key)) return fallback;
    const params = typeof parsed.params === "object" && parsed.params !== null ? (parsed.params as MessageRef["params"]) : {};
    return { key: parsed.key, params };
  } catch {
    return fallback;
  }
}

/**
 * Only same-site paths are followed after sign-in, so a crafted link cannot bounce a freshly signed-in
 * user to another site.
 */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = "/my/organization"): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return fallback;
  return v;
}

/** "+8613800000000" → "13800000000": how people type and read their number. */
export function localPhone(phone: string): string {
  return phone.replace(/^\+86/, "");
}
