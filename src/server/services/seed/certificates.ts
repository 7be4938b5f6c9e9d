import "server-only";
import { certificationSchemes } from "@/domain/taxonomy";
import type { SeedFirm } from "./firms";
import { profiles, type ProfileKey } from "./profiles";
import { addDays, type Rng } from "./rng";

export interface SeedCertificate {
  id: string;
  firm: number;
  schemeId: string;
  number: string;
  validFrom: string;
  validTo: string;
  verificationState: "pending" | "verified" | "rejected";
  verificationNote: string | null;
  /** Chain links it may back a listing in. */
  chainLinks: string[];
}

/** Schemes a firm in that line of work typically holds, before the generic ones. */
const typical: Partial<Record<ProfileKey, string[]>> = {
  gloves: ["en_388_ce"],
  ropes: ["class_approval_rope"],
  nets: ["gb_5725", "class_approval_rope"],
  ind_webbing: ["gb_5725"],
  medical: ["iso_13485"],
  nonwoven: ["iso_13485"],
  dyeing: ["discharge_permit", "bluesign", "zdhc"],
  printing: ["discharge_permit", "zdhc"],
  yarn_dyeing: ["discharge_permit"],
  functional_finishing: ["discharge_permit", "gb_8965_1"],
  workwear: ["gb_8965_1"],
  childrenswear: ["oeko_tex_100", "gots"],
  bedding: ["oeko_tex_100"],
  towels: ["oeko_tex_100", "better_cotton"],
  cotton_spinning: ["better_cotton", "ocs"],
  polyester_fibre: ["grs"],
  recycled: ["grs", "rcs"],
  knit_apparel: ["amfori_bsci", "wrap"],
  menswear: ["wrap", "sedex_smeta"],
};

/** Years a certificate of the scheme runs. */
const termYears = (schemeId: string) =>
  ["oeko_tex_100", "gots", "ocs", "grs", "rcs", "better_cotton", "bluesign", "amfori_bsci", "wrap", "sedex_smeta", "higg_fem", "higg_fslm", "cma_test_report"].includes(schemeId)
    ? 1
    : schemeId === "discharge_permit" ? 5 : 3;

function certNumber(rng: Rng, schemeId: string, year: number): string {
  const d = (n: number) => String(rng.int(0, 10 ** n - 1)).padStart(n, "0");
  switch (schemeId) {
    case "oeko_tex_100": return `SH${d(3)} ${d(6)} ${rng.pick(["CTT", "TESTEX", "HOHENSTEIN"])}`;
    case "iso_9001": return `${d(5)}Q${d(5)}R${rng.int(0, 3)}M`;
    case "iso_14001": return `${d(5)}E${d(5)}R${rng.int(0, 3)}M`;
    case "iso_45001": return `${d(5)}S${d(5)}R${rng.int(0, 3)}M`;
    case "discharge_permit": return `913${d(5)}${d(8)}${d(3)}P`;
    case "high_tech_enterprise": return `GR${year}370${d(5)}`;
    case "cma_test_report": return `${rng.pick(["SDQTT", "QTJ", "FZ"])}${year}${d(6)}`;
    default: return `${schemeId.toUpperCase().replace(/_/g, "-")}-${year}-${d(6)}`;
  }
}

export function generateCertificates(rng: Rng, firm: SeedFirm, firmIndex: number, today: string): SeedCertificate[] {
  if (firm.profiles.length === 0) return [];
  const links = new Set(firm.profiles.map((k) => profiles[k].link));
  const eligible = certificationSchemes.filter((s) => s.chainLinks.some((l) => links.has(l)));
  const preferred = [...new Set(firm.profiles.flatMap((k) => typical[k] ?? []))].filter((id) => eligible.some((s) => s.id === id));
  const generic = ["iso_9001", "iso_9001", "iso_14001", "oeko_tex_100", "iso_45001", "high_tech_enterprise", "cma_test_report"];
  const count = rng.weighted([[0, 22], [1, 30], [2, 25], [3, 15], [4, 8]] as const) + (firm.type === "anchor" ? 2 : 0);
  const chosen: string[] = [];
  for (let tries = 0; chosen.length < count && tries < 30; tries++) {
    const roll = rng();
    const id = roll < 0.4 && preferred.length > 0 ? rng.pick(preferred) : roll < 0.75 ? rng.pick(generic) : rng.pick(eligible).id;
    if (!chosen.includes(id) && eligible.some((s) => s.id === id)) chosen.push(id);
  }
  return chosen.map((schemeId) => {
    const term = termYears(schemeId);
    // About one in six has lapsed; the rest run out over the term.
    const validTo = addDays(today, rng.chance(0.16) ? -rng.int(1, 240) : rng.int(20, term * 365));
    const validFrom = addDays(validTo, -term * 365);
    // Few pending: the admin queue shows the oldest 200, and firms' own new submissions must still reach it.
    const state = rng.weighted([["verified", 84], ["pending", 9], ["rejected", 7]] as const);
    return {
      id: rng.uuid(),
      firm: firmIndex,
      schemeId,
      number: certNumber(rng, schemeId, Number(validFrom.slice(0, 4))),
      validFrom,
      validTo,
      verificationState: state,
      verificationNote: state === "rejected" ? rng.pick(["证书编号在发证机构网站查询不到", "证书扫描件不清晰，请重新上传", "证书主体名称与企业名称不一致"]) : null,
      chainLinks: certificationSchemes.find((s) => s.id === schemeId)!.chainLinks,
    };
  });
}
