/**
 * The process a buyer means when the text names only the goods: "牛仔布" asks for a denim weaver,
 * "童装加工厂" for a garment factory that sews. Only goods made one way at their chain link are
 * here; 坯布 (air-jet, rapier or water-jet), 纱线 (ring, rotor, vortex…) or 无纺布 stay open, and
 * gloves (knitted, dipped or sewn) too.
 */
const APPAREL = ["menswear", "womenswear", "childrenswear", "knit_apparel", "casualwear", "workwear", "sportswear", "underwear", "uniforms", "hanfu"] as const;

/** product id → chain link id → the process that makes it there. */
const MAKING: Record<string, Record<string, string>> = {
  denim_fabric: { weaving_knitting: "denim_weaving" },
  yarn_dyed_fabric: { weaving_knitting: "yarn_dyed_weaving" },
  knit_fabric: { weaving_knitting: "circular_knitting" },
  knitwear_sweaters: { weaving_knitting: "flat_knitting" },
  socks: { weaving_knitting: "hosiery_knitting" },
  towels: { home_textiles: "towels", weaving_knitting: "terry_towel_weaving" },
  bedding: { home_textiles: "bedding" },
  blankets: { home_textiles: "blankets" },
  carpets: { home_textiles: "carpets" },
  curtains: { home_textiles: "curtains_upholstery" },
  duvets: { home_textiles: "quilting_filling" },
  filtration: { industrial_textiles: "filter_media" },
  medical_textiles: { industrial_textiles: "medical_hygiene" },
  webbing: { industrial_textiles: "narrow_webbing", weaving_knitting: "narrow_fabric" },
  // Sewing is what every garment maker does (CMT, full package and ODM imply it).
  ...Object.fromEntries(APPAREL.map((id) => [id, { garment: "sewing" }])),
};

/** The processes that make the named goods at the chain link (empty when any of them is open). */
export function makingProcesses(products: readonly string[], chainLink: string | undefined): string[] {
  if (!chainLink || products.length === 0) return [];
  const out = new Set<string>();
  for (const p of products) {
    const process = MAKING[p]?.[chainLink];
    if (!process) return [];
    out.add(process);
  }
  return [...out];
}
