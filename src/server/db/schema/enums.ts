import { pgEnum } from "drizzle-orm/pg-core";

export const orgTypeEnum = pgEnum("org_type", ["anchor", "sme", "service_center", "platform"]);
export const memberRoleEnum = pgEnum("member_role", ["owner", "admin", "member"]);
export const verificationStateEnum = pgEnum("verification_state", ["unverified", "pending", "verified", "rejected"]);
export const localeEnum = pgEnum("locale", ["zh-CN", "en"]);
