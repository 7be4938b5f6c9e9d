import "server-only";
import type { Db } from "../db/types";
import type { MemberRole } from "@/domain/schemas/organization";

/** Who is calling, resolved from the database on every request (never trusted from the token). */
export interface Actor {
  userId: string;
  isPlatformAdmin: boolean;
}

export interface ActiveMembership {
  organizationId: string;
  role: MemberRole;
}

export interface ServiceContext {
  db: Db;
  actor: Actor | null;
  membership: ActiveMembership | null;
  ip?: string;
  now?: Date;
}

export type AuthedContext = ServiceContext & { actor: Actor };
export type OrgContext = AuthedContext & { membership: ActiveMembership };

export const now = (ctx: { now?: Date }) => ctx.now ?? new Date();
