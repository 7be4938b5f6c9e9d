import "server-only";
import { eq, inArray } from "drizzle-orm";
import { organizationProfileSchema, type OrganizationProfileInput } from "@/domain/schemas/organization";
import { randomValidUscc } from "@/domain/uscc";
import type { Db } from "../db/types";
import { organizations, users } from "../db/schema";
import { hashPassword } from "../auth/password";
import { PRIVACY_POLICY_VERSION } from "./accounts";
import { insertOrganizationWithOwner } from "./organizations";

export const DEMO_PASSWORD = "fanglian-demo";

/** A deterministic generator so the demo codes are the same on every machine. */
function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

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

/**
 * Builds the demo market in one transaction, so a failure leaves nothing behind. Running it again
 * changes nothing and says so.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean; accounts: Array<{ email: string; organization: string }> }> {
  const emails = demoFirms.map((f) => f.email);
  const accounts = demoFirms.map((f) => ({ email: f.email, organization: f.profile.nameZh }));
  const existing = await db.select({ id: users.id }).from(users).where(inArray(users.email, emails));
  if (existing.length > 0) return { created: false, accounts };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rng = seededRandom(20_26_11);
  await db.transaction(async (tx) => {
    for (const firm of demoFirms) {
      const [user] = await tx
        .insert(users)
        .values({ email: firm.email, name: firm.person, passwordHash, privacyConsentAt: new Date(), privacyPolicyVersion: PRIVACY_POLICY_VERSION })
        .returning({ id: users.id });
      const profile = organizationProfileSchema.parse({ ...firm.profile, uscc: randomValidUscc(rng) });
      const org = await insertOrganizationWithOwner(tx, user!.id, profile);
      if (firm.verified)
        await tx.update(organizations).set({ verificationState: "verified", verifiedAt: new Date() }).where(eq(organizations.id, org.id));
    }
  });
  return { created: true, accounts };
}
