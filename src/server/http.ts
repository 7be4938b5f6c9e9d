import "server-only";
import { headers } from "next/headers";
import { DomainError } from "./errors";
import { getRequestContext } from "./viewer";
import type { AuthedContext } from "./services/context";

const status: Record<DomainError["code"], number> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400, UNAUTHORIZED: 401, RATE_LIMITED: 429 };

/** Route handlers outside tRPC answer errors in the same shape: `{ messageKey, params, field }`. */
export function errorResponse(e: unknown): Response {
  if (e instanceof DomainError) return Response.json({ messageKey: e.messageKey, params: e.params, field: e.field ?? null }, { status: status[e.code] });
  console.error(e);
  return Response.json({ messageKey: "errors.internal", params: {} }, { status: 500 });
}

export async function requireAuthedContext(): Promise<AuthedContext> {
  await headers();
  const ctx = await getRequestContext();
  if (!ctx.actor) throw new DomainError("UNAUTHORIZED", "errors.unauthorized");
  return { ...ctx, actor: ctx.actor };
}
