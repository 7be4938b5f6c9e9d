import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "../db/types";
import { DomainError, type DomainErrorCode } from "../errors";
import { resolveSession, type ResolvedSession } from "../services/accounts";
import type { ServiceContext } from "../services/context";

export interface TrpcContext extends ServiceContext {
  session: ResolvedSession | null;
  baseUrl: string;
}

/** Builds the per-request context: the session is re-read from the database every time. */
export async function createContext(opts: { db: Db; userId: string | null; ip?: string; baseUrl: string; now?: Date }): Promise<TrpcContext> {
  const session = opts.userId ? await resolveSession(opts.db, opts.userId) : null;
  return {
    db: opts.db,
    ip: opts.ip,
    now: opts.now,
    baseUrl: opts.baseUrl,
    session,
    actor: session ? { userId: session.user.id, isPlatformAdmin: session.user.isPlatformAdmin } : null,
    membership: session?.active ? { organizationId: session.active.organizationId, role: session.active.role } : null,
  };
}

const codeMap: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

export interface FieldIssue {
  path: string;
  messageKey: string;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldIssues: FieldIssue[] | null =
      cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join("."), messageKey: i.message.startsWith("validation.") ? i.message : "validation.invalid" })) : null;
    const domain = cause instanceof DomainError ? cause : null;
    return {
      ...shape,
      // Internal errors never leak their text; the client shows a translated generic message.
      message: shape.data.code === "INTERNAL_SERVER_ERROR" ? "errors.internal" : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        messageKey: domain?.messageKey ?? (fieldIssues ? "errors.invalidInput" : shape.data.code === "INTERNAL_SERVER_ERROR" ? "errors.internal" : null),
        params: domain?.params ?? {},
        field: domain?.field ?? null,
        fieldIssues,
      },
    };
  },
});

/** Translates the domain errors services throw into tRPC errors, in this one place. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: codeMap[cause.code], message: cause.messageKey, cause });
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;
export const publicProcedure = t.procedure.use(domainErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor || !ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.unauthorized" });
  return next({ ctx: { ...ctx, actor: ctx.actor, session: ctx.session } });
});

/** Procedures that act for the caller's active organisation; the membership is narrowed to non-null. */
export const orgProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.membership) throw new TRPCError({ code: "FORBIDDEN", message: "errors.noOrganization" });
  return next({ ctx: { ...ctx, membership: ctx.membership } });
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.actor.isPlatformAdmin) throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" });
  return next();
});
