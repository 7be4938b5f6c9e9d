import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerSession } from "next-auth";
import { emailSignInSchema, phoneSignInSchema } from "@/domain/schemas/account";
import { env } from "@/env";
import { getDb } from "../db/client";
import { DomainError } from "../errors";
import { authenticateWithOtp, authenticateWithPassword } from "../services/accounts";
import { getAuthSecret } from "./secret";

/** The client receives this JSON as the sign-in error and translates `key` with `params`. */
export function encodeAuthError(e: unknown): string {
  if (e instanceof DomainError) return JSON.stringify({ key: e.messageKey, params: e.params });
  return JSON.stringify({ key: "errors.invalidCredentials", params: {} });
}

export function clientIp(headers: Record<string, unknown> | Headers | undefined): string | undefined {
  const get = (k: string) => (headers instanceof Headers ? headers.get(k) : (headers?.[k] as string | undefined));
  // The right-most entry is the one our own proxy (or Next itself) appended; the rest are client-supplied.
  const forwarded = get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? get("x-real-ip") ?? undefined;
}

function authorizeWith<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, run: (input: T, ip?: string) => Promise<{ id: string }>) {
  return async (credentials: Record<string, string> | undefined, req: { headers?: Record<string, unknown> }) => {
    const parsed = schema.safeParse(credentials ?? {});
    if (!parsed.success) throw new Error(encodeAuthError(null));
    try {
      const user = await run(parsed.data, clientIp(req.headers));
      return { id: user.id };
    } catch (e) {
      throw new Error(encodeAuthError(e));
    }
  };
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    // Secure cookies follow the scheme of NEXTAUTH_URL: on behind HTTPS, off on plain localhost.
    useSecureCookies: env.NEXTAUTH_URL.startsWith("https://"),
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "password",
        name: "E-mail and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: authorizeWith(emailSignInSchema, async (input, ip) => authenticateWithPassword({ db: await getDb(), input, ip })),
      }),
      CredentialsProvider({
        id: "phone",
        name: "Mobile and code",
        credentials: { phone: { type: "tel" }, code: { type: "text" } },
        authorize: authorizeWith(phoneSignInSchema, async (input, ip) => authenticateWithOtp({ db: await getDb(), input, ip })),
      }),
    ],
    callbacks: {
      // The token carries the user id only; roles and the active organisation are read per request.
      jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
      session: ({ session, token }) => ({ ...session, userId: token.sub }),
    },
  };
}

export async function getSessionUserId(): Promise<string | null> {
  const session = (await getServerSession(getAuthOptions())) as { userId?: string } | null;
  return session?.userId ?? null;
}
