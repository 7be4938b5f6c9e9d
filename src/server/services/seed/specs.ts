import "server-only";

/** Typical figures per process: monthly capacity (canonical, SME scale), the units people type, prices. */
type Range = [number, number];

export const capacityByUnit: Record<string, { range: Range; inputs: string[] }> = {
  t_per_month: { range: [50, 800], inputs: ["吨/月", "吨/年", "吨/天"] },
  m_per_month: { range: [200_000, 3_000_000], inputs: ["万米/月", "米/天", "万米/年"] },
  m2_per_month: { range: [100_000, 2_000_000], inputs: ["万平方米/年", "平方米/月"] },
  pcs_per_month: { range: [20_000, 300_000], inputs: ["件/天", "万件/年", "件/月"] },
  sets_per_month: { range: [5_000, 80_000], inputs: ["套/月"] },
  dozen_pairs_per_month: { range: [10_000, 150_000], inputs: ["打/月", "打/年"] },
  units_per_month: { range: [5, 150], inputs: ["台(套)/年", "台(套)/月"] },
  pairs_per_month: { range: [300_000, 3_000_000], inputs: ["万双/月"] },
};

/** Overrides keyed by process id (and by unit where a process has several). */
export const capacityByProcess: Record<string, { range: Range; inputs?: string[] }> = {
  melt_spinning_polyester: { range: [5_000, 30_000], inputs: ["万吨/年"] },
  viscose_lyocell: { range: [3_000, 15_000], inputs: ["万吨/年"] },
  texturing_dty: { range: [500, 4_000] },
  high_performance_fibre: { range: [20, 400], inputs: ["吨/年"] },
  cotton_ginning: { range: [300, 3_000], inputs: ["吨/年", "吨/月"] },
  wool_scouring_tops: { range: [50, 400] },
  tyre_cord_industrial_yarn: { range: [1_000, 6_000], inputs: ["万吨/年", "吨/月"] },
  spunbond: { range: [300, 2_500], inputs: ["吨/年", "吨/月"] },
  meltblown: { range: [30, 300] },
  medical_hygiene: { range: [50, 500] },
  ropes_cordage: { range: [50, 1_200] },
  fishing_nets: { range: [30, 600] },
  aquaculture_nets: { range: [30, 600] },
  narrow_fabric: { range: [500_000, 5_000_000], inputs: ["万米/月"] },
  narrow_webbing: { range: [500_000, 5_000_000], inputs: ["万米/月"] },
  warping_sizing: { range: [1_000_000, 8_000_000], inputs: ["万米/月"] },
  pattern_grading: { range: [300, 3_000], inputs: ["件/月"] },
  made_to_measure: { range: [500, 8_000], inputs: ["件/月"] },
  auxiliary_parts: { range: [2_000, 50_000], inputs: ["台(套)/月"] },
  sewing_machines: { range: [1_000, 20_000], inputs: ["台(套)/月", "台(套)/年"] },
  terry_towel_weaving: { range: [40, 400] },
  circular_knitting: { range: [80, 800], inputs: ["吨/月", "吨/天"] },
  warp_knitting: { range: [100, 900] },
  flat_knitting: { range: [10_000, 150_000], inputs: ["件/天", "万件/年"] },
  fully_fashioned_linking: { range: [10_000, 80_000], inputs: ["件/月"] },
  garment_dye_wash: { range: [50_000, 500_000] },
  towels: { range: [200_000, 2_500_000], inputs: ["万件/年", "件/天"] },
  blankets: { range: [20_000, 300_000] },
  curtains_upholstery: { range: [30_000, 600_000], inputs: ["米/天", "万米/月"] },
  carpets: { range: [20_000, 400_000] },
  quilting_filling: { range: [10_000, 150_000] },
  geotextile_nonwoven: { range: [500_000, 5_000_000], inputs: ["万平方米/年"] },
  geotextile_woven: { range: [500_000, 5_000_000], inputs: ["万平方米/年"] },
  filter_media: { range: [50_000, 800_000], inputs: ["平方米/月", "万平方米/年"] },
  safety_nets: { range: [10_000, 200_000], inputs: ["件/月", "吨/月"] },
  sports_nets: { range: [10_000, 200_000], inputs: ["件/月"] },
  batik_tie_dye: { range: [5_000, 60_000], inputs: ["米/天", "米/月"] },
  natural_plant_dyeing: { range: [5_000, 50_000], inputs: ["米/月"] },
};

/** Output per machine, spindle, line… per month, in the capacity's canonical unit. */
export const perEquipment: Record<string, Record<string, number>> = {
  spindles: { t_per_month: 0.012 },
  rotors: { t_per_month: 0.3 },
  looms: { m_per_month: 6_000, t_per_month: 0.8 },
  machines: { t_per_month: 4, pcs_per_month: 450, pairs_per_month: 2_500, dozen_pairs_per_month: 120, m_per_month: 900_000 },
  sewing_lines: { pcs_per_month: 8_000 },
  dye_vessels: { t_per_month: 12 },
};
export const perEquipmentByProcess: Record<string, number> = { narrow_fabric: 25_000, narrow_webbing: 25_000, seamless_knitting: 900, sewing: 300, warp_knitting: 6 };

/** Indicative price in CNY per quantity unit (t, m, m2, pcs, sets, dozen_pairs, units, pairs). */
export const priceByUnit: Record<string, Range> = {
  t: [12_000, 30_000], m: [4, 30], m2: [1.5, 12], pcs: [15, 120], sets: [150, 600], dozen_pairs: [12, 60], units: [30_000, 400_000], pairs: [2, 10],
};
export const priceByLinkUnit: Record<string, Range> = {
  "dyeing_printing_finishing:m": [1.2, 4.5],
  "dyeing_printing_finishing:t": [3_000, 9_000],
  "dyeing_printing_finishing:pcs": [2, 8],
  "weaving_knitting:t": [22_000, 42_000],
};
export const priceByProcess: Record<string, Range> = {
  melt_spinning_polyester: [7_000, 9_000], texturing_dty: [9_000, 12_000], viscose_lyocell: [12_000, 16_000], high_performance_fibre: [80_000, 260_000],
  cotton_ginning: [15_000, 17_500], recycled_fibre: [5_000, 8_000], wool_scouring_tops: [70_000, 120_000],
  yarn_dyed_weaving: [10, 38], denim_weaving: [15, 40], jacquard_dobby: [12, 45], warping_sizing: [0.08, 0.3], terry_towel_weaving: [28_000, 45_000],
  flat_knitting: [20, 90], fully_fashioned_linking: [3, 10], seamless_knitting: [10, 40], narrow_fabric: [0.2, 2], hosiery_knitting: [2, 10],
  cmt: [8, 35], fob_full_package: [35, 180], odm: [60, 300], sewing: [5, 20], embroidery: [0.5, 5], garment_printing: [1, 6], pressing_finishing: [0.3, 1.5],
  qc_packing: [0.2, 0.8], pattern_grading: [200, 800], marker_cutting: [0.3, 1.2], made_to_measure: [800, 3_000],
  glove_knitting: [8, 25], glove_dipping: [18, 60], glove_cut_sew: [30, 120],
  towels: [8, 45], blankets: [60, 300], curtains_upholstery: [15, 80], carpets: [30, 300], quilting_filling: [80, 400],
  spunbond: [9_000, 13_000], meltblown: [15_000, 30_000], spunlace: [14_000, 22_000], thermal_chemical_bond: [10_000, 15_000], needle_punch: [1.5, 6],
  geotextile_nonwoven: [1.2, 6], geotextile_woven: [1.5, 5], ropes_cordage: [14_000, 45_000], coated_fabrics: [6, 25], filter_media: [15, 60],
  tyre_cord_industrial_yarn: [12_000, 20_000], medical_hygiene: [15_000, 30_000], fishing_nets: [16_000, 40_000], aquaculture_nets: [16_000, 40_000],
  safety_nets: [15, 80], sports_nets: [50, 600], narrow_webbing: [0.3, 3],
  weaving_machinery: [60_000, 350_000], knitting_machinery: [150_000, 600_000], spinning_machinery: [80_000, 1_500_000], dyeing_finishing_machinery: [200_000, 2_000_000],
  fibre_extrusion_machinery: [500_000, 5_000_000], nonwoven_machinery: [800_000, 6_000_000], sewing_machines: [1_500, 12_000], auxiliary_parts: [5, 500],
};

/** Yarn price by fibre, CNY per tonne, before the count premium. */
export const yarnPrice: Record<string, number> = {
  cotton: 22_000, organic_cotton: 35_000, recycled_cotton: 14_000, polyester: 11_000, recycled_polyester: 10_000, viscose: 17_000, modal: 30_000,
  lyocell: 28_000, wool: 95_000, cashmere: 420_000, acrylic: 16_000, nylon: 21_000, spandex: 38_000, linen: 48_000, silk: 380_000, bamboo: 22_000,
};

/** Yarn counts (Ne) mills quote, and each spinning process's usual range (kept within Ne 10–80). */
export const yarnCounts = [10, 12, 16, 21, 26, 30, 32, 40, 45, 50, 60, 70, 80];
export const neRange: Record<string, Range> = {
  ring_carded: [10, 40], ring_combed: [30, 80], ring_compact: [40, 80], siro: [21, 60], open_end_rotor: [10, 30], air_jet_vortex: [21, 50],
  core_spun: [16, 60], dope_melange: [16, 60], twisting_doubling: [21, 80], sewing_thread: [21, 60], worsted_spinning: [30, 80], woollen_spinning: [10, 26],
};
export const spinLabel: Record<string, string> = {
  ring_carded: "普梳", ring_combed: "精梳", ring_compact: "紧密纺", siro: "赛络纺", open_end_rotor: "气流纺", air_jet_vortex: "涡流纺", core_spun: "包芯",
  dope_melange: "色纺", twisting_doubling: "股线", sewing_thread: "缝纫线", worsted_spinning: "精纺", woollen_spinning: "粗纺",
};

/** Fabric weight (g/m²) and maximum width (cm) by process, else by link. */
export const fabricSpec: Record<string, { gsm?: Range; width?: Range }> = {
  weaving_knitting: { gsm: [80, 350], width: [160, 340] },
  "weaving_knitting:t": { gsm: [120, 380], width: [160, 240] },
  dyeing_printing_finishing: { gsm: [80, 400], width: [160, 320] },
  terry_towel_weaving: { gsm: [300, 700], width: [200, 360] },
  towels: { gsm: [300, 700] },
  bedding: { width: [230, 280] },
  curtains_upholstery: { gsm: [150, 450], width: [280, 330] },
  carpets: { gsm: [1_200, 3_000], width: [300, 500] },
  geotextile_nonwoven: { gsm: [100, 800], width: [400, 800] },
  geotextile_woven: { gsm: [100, 400], width: [400, 600] },
  needle_punch: { gsm: [80, 1_000], width: [200, 660] },
  spunbond: { gsm: [10, 200], width: [160, 420] },
  meltblown: { gsm: [15, 60], width: [160, 320] },
  spunlace: { gsm: [30, 120], width: [200, 350] },
  thermal_chemical_bond: { gsm: [20, 300], width: [160, 320] },
  filter_media: { gsm: [300, 800], width: [200, 300] },
  coated_fabrics: { gsm: [300, 900], width: [150, 320] },
  narrow_fabric: { width: [1, 15] },
  narrow_webbing: { width: [1, 15] },
};

export const leadDays: Record<string, Range> = {
  fiber: [7, 20], spinning: [10, 30], weaving_knitting: [15, 35], dyeing_printing_finishing: [7, 20], garment: [20, 60],
  home_textiles: [20, 45], industrial_textiles: [7, 30], textile_machinery: [30, 120],
};

/** MOQ in the unit people write it, by canonical quantity. */
export const moqByQuantity: Record<string, { units: string[]; range: Range }> = {
  t: { units: ["吨", "公斤"], range: [1, 10] },
  m: { units: ["米", "万米"], range: [3_000, 30_000] },
  m2: { units: ["平方米"], range: [5_000, 50_000] },
  pcs: { units: ["件"], range: [300, 5_000] },
  sets: { units: ["套"], range: [100, 1_000] },
  dozen_pairs: { units: ["打"], range: [100, 2_000] },
  units: { units: ["台"], range: [1, 5] },
  pairs: { units: ["双"], range: [2_000, 20_000] },
};

/** How people write the unit of a price (CNY per 吨, 米, 件…); parseUnit maps each back to its canonical quantity. */
export const priceUnitText: Record<string, string> = { t: "吨", m: "米", m2: "平方米", pcs: "件", sets: "套", dozen_pairs: "打", units: "台", pairs: "双" };
