import "server-only";
import type { MemberRole } from "@/domain/schemas/organization";
import { forbidden } from "../errors";
import type { OrgContext } from "./context";

/** Every organisation-scoped service states the roles it needs; the check lives here, once. */
export function assertRole(ctx: OrgContext, roles: readonly MemberRole[]): void {
  if (!roles.includes(ctx.membership.role)) throw forbidden("roleRequired");
}
