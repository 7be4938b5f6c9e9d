import "server-only";
/**
 * Typed domain errors. Services throw these; the tRPC layer maps them to codes in one place
 * (api/trpc.ts) and the UI translates `messageKey` (an i18n key under `errors.*`).
 */
export type DomainErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "UNAUTHORIZED" | "RATE_LIMITED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

export const notFound = (what = "notFound") => new DomainError("NOT_FOUND", `errors.${what}`);
export const forbidden = (why = "forbidden") => new DomainError("FORBIDDEN", `errors.${why}`);
export const conflict = (why: string, field?: string, params: Record<string, string | number> = {}) =>
  new DomainError("CONFLICT", `errors.${why}`, params, field);
export const invalid = (why: string, field?: string, params: Record<string, string | number> = {}) =>
  new DomainError("INVALID", `errors.${why}`, params, field);
export const unauthorized = (why = "unauthorized") => new DomainError("UNAUTHORIZED", `errors.${why}`);
export const rateLimited = (minutes: number) => new DomainError("RATE_LIMITED", "errors.rateLimited", { minutes });

/** Postgres unique-violation, whichever driver raised it. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  let err = e as { code?: string; constraint?: string; cause?: unknown } | undefined;
  // drizzle wraps driver errors in DrizzleQueryError with the original as `cause`.
  for (let i = 0; i < 3 && err; i++) {
    if (err.code === "23505") return !constraint || err.constraint === constraint || String(err).includes(constraint);
    err = err.cause as typeof err;
  }
  return false;
}
