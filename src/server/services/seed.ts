import "server-only";
import { eq, inArray } from "drizzle-orm";
import { organizationProfileSchema, type OrganizationProfileInput } from "@/domain/schemas/organization";
import { defaultCoordinates } from "@/domain/taxonomy";
import type { Db } from "../db/types";
import { certifications, demands, listingCertifications, listings, managedProfileConsents, memberships, organizations, sites, users } from "../db/schema";
import { hashPassword } from "../auth/password";
import { PRIVACY_POLICY_VERSION } from "./accounts";
import { insertOrganizationWithOwner } from "./organizations";
import { applyGrant } from "./billing";
import { enqueueAllDocuments } from "../search/outbox";
import { insertDemoDeals, demoDeals } from "./seed/deals";
import { demoFirmProfiles } from "./seed/firms";
import { generateMarket, type DemoFirmInput, type SeedMarket } from "./seed/market";
import { createRng, daysAgo } from "./seed/rng";

export const DEMO_PASSWORD = "fanglian-demo";

interface DemoFirm {
  email: string;
  person: string;
  verified: boolean;
  profile: OrganizationProfileInput;
}

// Fictional firms ("示范" = demo) placed in the real clusters of the taxonomy.
const demoFirms: DemoFirm[] = [
  {
    email: "anchor@demo.fanglian.local",
    person: "张建国",
    verified: true,
    profile: {
      type: "anchor",
      nameZh: "鲁纺示范集团有限公司",
      nameEn: "Lufang Demo Group Co., Ltd.",
      cityAdcode: "371600",
      countyAdcode: "371626",
      address: "邹平市经济开发区示范路 1 号",
      description: "棉纺织龙头企业示范账号：纺纱、织造到家纺成品，全年有稳定的面料与代工采购需求。",
      contactName: "张建国",
      contactPhone: "0543-0000000",
    },
  },
  {
    email: "kids@demo.fanglian.local",
    person: "李秀英",
    verified: true,
    profile: {
      type: "sme",
      nameZh: "即墨童装示范服饰有限公司",
      nameEn: "Jimo Kidswear Demo Apparel Co., Ltd.",
      cityAdcode: "370200",
      countyAdcode: "370215",
      smeLevel: "little_giant",
      smeLevelValidUntil: "2028-12-31",
      description: "童装针织服装加工，GB 18401 A 类产品经验丰富，月产能约 30 万件。",
      contactName: "李秀英",
    },
  },
  {
    email: "sweater@demo.fanglian.local",
    person: "王海涛",
    verified: false,
    profile: {
      type: "sme",
      nameZh: "海阳毛衫示范针织有限公司",
      cityAdcode: "370600",
      countyAdcode: "370687",
      smeLevel: "provincial_specialized",
      smeLevelValidUntil: "2027-06-30",
      description: "电脑横机毛衫，12G/14G，羊毛与羊绒混纺。",
    },
  },
  {
    email: "hometex@demo.fanglian.local",
    person: "刘芳",
    verified: true,
    profile: {
      type: "sme",
      nameZh: "高密家纺示范有限公司",
      nameEn: "Gaomi Home Textiles Demo Co., Ltd.",
      cityAdcode: "370700",
      countyAdcode: "370785",
      smeLevel: "innovative_sme",
      description: "毛巾、浴巾与床品，OEKO-TEX 认证产线。",
    },
  },
  {
    email: "yarn@demo.fanglian.local",
    person: "赵磊",
    verified: false,
    profile: {
      type: "sme",
      nameZh: "夏津棉纺示范有限公司",
      cityAdcode: "371400",
      countyAdcode: "371427",
      description: "环锭纺精梳棉纱 JC32S–JC60S，5 万锭。",
    },
  },
  {
    email: "cluster@demo.fanglian.local",
    person: "陈静",
    verified: true,
    profile: {
      type: "service_center",
      nameZh: "即墨纺织服装产业集群服务中心（示范）",
      nameEn: "Jimo Textile & Apparel Cluster Service Centre (demo)",
      cityAdcode: "370200",
      countyAdcode: "370215",
      description: "服务即墨童装与针织产业集群企业入驻、对接与数据统计。",
    },
  },
];

/** Colleagues in the demo anchor firm, so every membership role has an account to try. */
const demoColleagues = [
  { email: "manager@demo.fanglian.local", person: "孙丽", role: "admin" as const, firm: "anchor@demo.fanglian.local" },
  { email: "staff@demo.fanglian.local", person: "周强", role: "member" as const, firm: "anchor@demo.fanglian.local" },
];

export interface DemoAccount {
  email: string;
  organization: string;
  /** The organisation's type and the account's role in it. */
  orgType: "anchor" | "sme" | "service_center";
  role: "owner" | "admin" | "member";
}

export interface SeedResult {
  created: boolean;
  accounts: DemoAccount[];
  counts?: { organizations: number; listings: number; certificates: number; demands: number; deals: number };
}

function demoInputs(): DemoFirmInput[] {
  return demoFirms.map((f) => {
    const p = organizationProfileSchema.parse(f.profile);
    const coords = defaultCoordinates({ provinceAdcode: "370000", cityAdcode: p.cityAdcode, countyAdcode: p.countyAdcode })!;
    return {
      demoEmail: f.email,
      type: p.type as DemoFirmInput["type"],
      nameZh: p.nameZh,
      nameEn: p.nameEn ?? null,
      city: p.cityAdcode!,
      county: p.countyAdcode ?? null,
      address: p.address ?? "",
      lat: coords.lat,
      lng: coords.lng,
      smeLevel: p.smeLevel ?? null,
      smeLevelValidUntil: p.smeLevelValidUntil ?? null,
      description: p.description ?? "",
      contactName: f.person,
      contactPhone: p.contactPhone ?? "",
      verificationState: f.verified ? "verified" : "unverified",
      profiles: demoFirmProfiles[f.email] ?? [],
      createdDaysAgo: 30,
    };
  });
}

const minDate = (a: Date, b: Date) => (a < b ? a : b);

const CHUNK = 500;
const DEMO_PLANS = { anchor: "anchor_pro", sme: "sme_pro", service_center: "service_centre", platform: "service_centre" } as const;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Builds the demo market — the demo accounts and a few hundred generated firms across Shandong with
 * their sites, certificates, listings and demands — in one transaction, so a failure leaves nothing
 * behind. Running it again changes nothing and says so. `now` fixes "today" (tests pass their own).
 */
export async function seedDemo(db: Db, options: { now?: Date } = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const emails = [...demoFirms.map((f) => f.email), ...demoColleagues.map((c) => c.email)];
  const accounts: DemoAccount[] = [
    ...demoFirms.map((f) => ({ email: f.email, organization: f.profile.nameZh, orgType: f.profile.type as DemoAccount["orgType"], role: "owner" as const })),
    ...demoColleagues.map((c) => {
      const firm = demoFirms.find((f) => f.email === c.firm)!;
      return { email: c.email, organization: firm.profile.nameZh, orgType: firm.profile.type as DemoAccount["orgType"], role: c.role };
    }),
  ];
  const existing = await db.select({ id: users.id }).from(users).where(inArray(users.email, emails));
  if (existing.length > 0) return { created: false, accounts };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const market = generateMarket(now, demoInputs());
  await db.transaction(async (tx) => {
    const orgIds = market.firms.map((f) => f.id);
    const userIds = new Map<string, string>();
    for (const [i, firm] of demoFirms.entries()) {
      const [user] = await tx
        .insert(users)
        .values({ email: firm.email, name: firm.person, passwordHash, privacyConsentAt: now, privacyPolicyVersion: PRIVACY_POLICY_VERSION })
        .returning({ id: users.id });
      userIds.set(firm.email, user!.id);
      const profile = organizationProfileSchema.parse({ ...firm.profile, uscc: market.firms[i]!.uscc });
      const org = await insertOrganizationWithOwner(tx, user!.id, profile);
      orgIds[i] = org.id;
      if (firm.verified) await tx.update(organizations).set({ verificationState: "verified", verifiedAt: now }).where(eq(organizations.id, org.id));
      // Demo firms hold the paid plan of their kind, granted the way an admin grants it, so that what the
      // demo creates (and what a visitor adds) stays within their limits.
      await applyGrant(tx, { organizationId: org.id, plan: DEMO_PLANS[profile.type], source: "admin", note: "demo", actorUserId: null, at: now });
    }
    for (const c of demoColleagues) {
      const orgId = orgIds[demoFirms.findIndex((f) => f.email === c.firm)]!;
      const [user] = await tx
        .insert(users)
        .values({ email: c.email, name: c.person, passwordHash, privacyConsentAt: now, privacyPolicyVersion: PRIVACY_POLICY_VERSION, activeOrganizationId: orgId })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ organizationId: orgId, userId: user!.id, role: c.role });
    }
    // Creation times count back from the start of the day, so the same day gives the same rows.
    await insertMarket(tx, market, orgIds, userIds, new Date(`${market.today}T00:00:00+08:00`));
    await insertDemoConsents(tx, (email) => orgIds[demoFirms.findIndex((f) => f.email === email)]!, userIds, new Date(`${market.today}T00:00:00+08:00`));
  });
  return {
    created: true,
    accounts,
    counts: {
      organizations: market.firms.length,
      listings: market.listings.length,
      certificates: market.certificates.length,
      // The demo orders come with their own (awarded) demands.
      demands: market.demands.length + demoDeals.length,
      deals: demoDeals.length,
    },
  };
}

/**
 * Managed profiles (代管, docs/managed-profiles.md): the demo centre manages sweater@'s firm (granted
 * a week ago) and waits for hometex@'s answer to its request. kids@ stays free for the browser test.
 */
async function insertDemoConsents(tx: Db, orgOf: (email: string) => string, userIds: Map<string, string>, dayStart: Date) {
  const centre = orgOf("cluster@demo.fanglian.local");
  const centreUser = userIds.get("cluster@demo.fanglian.local")!;
  await tx.insert(managedProfileConsents).values([
    {
      organizationId: orgOf("sweater@demo.fanglian.local"), centreOrgId: centre, status: "active", note: "集群统一维护羊毛衫企业的产能信息。", requestedBy: centreUser,
      decidedBy: userIds.get("sweater@demo.fanglian.local")!, grantedAt: daysAgo(dayStart, 7), createdAt: daysAgo(dayStart, 8), updatedAt: daysAgo(dayStart, 7),
    },
    {
      organizationId: orgOf("hometex@demo.fanglian.local"), centreOrgId: centre, status: "requested", note: "帮助贵企业完善主页和家纺产能信息，便于采购商查找。", requestedBy: centreUser,
      createdAt: daysAgo(dayStart, 1), updatedAt: daysAgo(dayStart, 1),
    },
  ]);
}

async function insertMarket(tx: Db, market: SeedMarket, orgIds: string[], userIds: Map<string, string>, dayStart: Date) {
  const generated = market.firms.map((f, i) => ({ f, i })).filter(({ f }) => !f.demoEmail);
  await insertChunked(generated, (chunk) =>
    tx.insert(organizations).values(
      chunk.map(({ f }) => ({
        id: f.id, type: f.type, nameZh: f.nameZh, nameEn: f.nameEn, uscc: f.uscc, cityAdcode: f.city, countyAdcode: f.county, address: f.address,
        lat: f.lat, lng: f.lng, smeLevel: f.smeLevel, smeLevelValidUntil: f.smeLevelValidUntil, description: f.description, contactName: f.contactName,
        contactPhone: f.contactPhone, verificationState: f.verificationState, verifiedAt: f.verificationState === "verified" ? daysAgo(dayStart, f.createdDaysAgo / 2) : null,
        createdAt: daysAgo(dayStart, f.createdDaysAgo), updatedAt: daysAgo(dayStart, f.createdDaysAgo / 3),
      })),
    ),
  );
  // One production site per firm that makes something; its listings point at it.
  const siteRng = createRng(0x517e);
  const siteIds = market.firms.map(() => siteRng.uuid());
  const producing = market.firms.map((f, i) => ({ f, i })).filter(({ f }) => f.profiles.length > 0);
  await insertChunked(producing, (chunk) =>
    tx.insert(sites).values(chunk.map(({ f, i }) => ({ id: siteIds[i]!, organizationId: orgIds[i]!, address: f.address || null, cityAdcode: f.city, countyAdcode: f.county, lat: f.lat, lng: f.lng }))),
  );
  await insertChunked(market.certificates, (chunk) =>
    tx.insert(certifications).values(
      chunk.map((c) => ({
        id: c.id, organizationId: orgIds[c.firm]!, schemeId: c.schemeId, number: c.number, validFrom: c.validFrom, validTo: c.validTo,
        verificationState: c.verificationState, verifiedAt: c.verificationState === "pending" ? null : dayStart, verificationNote: c.verificationNote,
        // Uploaded when issued (in the past), so anything a user adds later sorts after the demo data.
        createdAt: minDate(new Date(`${c.validFrom}T09:00:00+08:00`), daysAgo(dayStart, 1)),
        updatedAt: daysAgo(dayStart, 1),
      })),
    ),
  );
  const owner = (firm: number) => userIds.get(market.firms[firm]!.demoEmail ?? "") ?? null;
  await insertChunked(market.listings, (chunk) =>
    tx.insert(listings).values(
      chunk.map(({ firm, createdDaysAgo, ...l }) => ({
        ...l, organizationId: orgIds[firm]!, siteId: siteIds[firm]!, createdBy: owner(firm), createdAt: daysAgo(dayStart, createdDaysAgo), updatedAt: daysAgo(dayStart, createdDaysAgo),
      })),
    ),
  );
  await insertChunked(market.listingCertificates, (chunk) => tx.insert(listingCertifications).values(chunk));
  await insertChunked(market.demands, (chunk) =>
    tx.insert(demands).values(
      chunk.map(({ firm, createdDaysAgo, ...d }) => ({ ...d, organizationId: orgIds[firm]!, createdBy: owner(firm), createdAt: daysAgo(dayStart, createdDaysAgo), updatedAt: daysAgo(dayStart, createdDaysAgo) })),
    ),
  );
  const demo = (email: string) => market.firms.findIndex((f) => f.demoEmail === email);
  await insertDemoDeals(tx, {
    orgOf: (email) => ({ id: orgIds[demo(email)]!, type: market.firms[demo(email)]!.type, smeLevel: market.firms[demo(email)]!.smeLevel }),
    userOf: (email) => userIds.get(email)!,
    today: market.today,
  });
  // The rows went in without the services: tell the search engine about all of them.
  await enqueueAllDocuments(tx);
}
