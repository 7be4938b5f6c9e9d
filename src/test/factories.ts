import { randomValidUscc } from "../domain/uscc";
import type { OrganizationProfileInput } from "../domain/schemas/organization";
import { signUpSchema } from "../domain/schemas/account";
import { createContext } from "../server/api/trpc";
import { createCaller } from "../server/api/root";
import type { Db } from "../server/db/types";
import { signUp } from "../server/services/accounts";

let counter = 0;
export const uniq = (prefix = "t") => `${prefix}${process.pid.toString(36)}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const PASSWORD = "correct horse battery";

export function orgProfile(overrides: Partial<OrganizationProfileInput> = {}): OrganizationProfileInput {
  return {
    type: "sme",
    nameZh: `测试纺织有限公司${uniq("")}`,
    uscc: randomValidUscc(),
    provinceAdcode: "370000",
    cityAdcode: "370200",
    countyAdcode: "370215",
    ...overrides,
  };
}

/** A new user who owns a new organisation, made through the real sign-up service. */
export async function createMember(db: Db, org: Partial<OrganizationProfileInput> = {}) {
  const email = `${uniq("user")}@example.com`;
  const input = signUpSchema.parse({
    method: "email",
    name: "测试用户",
    email,
    password: PASSWORD,
    acceptPrivacy: true,
    organization: orgProfile(org),
  });
  const { userId, organizationId } = await signUp({ db, input });
  return { userId, organizationId, email };
}

export async function callerFor(db: Db, userId: string | null, opts: { ip?: string; now?: Date } = {}) {
  return createCaller(await createContext({ db, userId, baseUrl: "http://localhost:3000", ...opts }));
}

/** Listing form values (a combed-yarn spinning capability, 300 t/month) for `listing.create`. */
export const listingValues = (title: string, over: Record<string, unknown> = {}) => ({
  kind: "capability" as const,
  chainLink: "spinning" as const,
  processes: ["ring_combed"],
  title,
  capacityValue: 300,
  capacityUnit: "吨/月",
  ...over,
});

/** An open public demand for 20 t of combed yarn in Qingdao, due far in the future, for `demand.create`. */
export const demandValues = (title: string, over: Record<string, unknown> = {}) => ({
  title,
  chainLink: "spinning" as const,
  processes: ["ring_combed"],
  quantityValue: 20,
  quantityUnit: "吨",
  needBy: "2099-06-30",
  quoteDeadline: "2099-12-31",
  deliverCityAdcode: "370200",
  visibility: "public" as const,
  ...over,
});
