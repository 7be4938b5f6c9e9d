import "server-only";

/**
 * What a demo firm does: its chain link, the processes it runs (all of that link), its products and
 * fibres, and the word its name uses for the trade. Firms in a cluster draw from the cluster's mix.
 */
export interface Profile {
  link: string;
  processes: string[];
  products: string[];
  fibers: string[];
  words: [zh: string, en: string][];
}

const P = (link: string, processes: string[], products: string[], fibers: string[], words: [string, string][]): Profile => ({
  link,
  processes,
  products,
  fibers,
  words,
});

export const profiles = {
  cotton_spinning: P(
    "spinning",
    ["ring_carded", "ring_combed", "ring_compact", "siro", "open_end_rotor", "core_spun", "twisting_doubling"],
    ["yarn"],
    ["cotton", "polyester", "viscose", "organic_cotton", "recycled_cotton", "modal", "spandex"],
    [["棉纺", "Cotton Spinning"], ["纺织", "Textile"], ["纱业", "Yarn"]],
  ),
  melange: P("spinning", ["dope_melange", "siro", "air_jet_vortex", "ring_compact"], ["yarn"], ["cotton", "viscose", "modal", "lyocell", "polyester", "acrylic"], [["色纺", "Melange Yarn"], ["纺织", "Textile"]]),
  wool_spinning: P("spinning", ["worsted_spinning", "woollen_spinning", "twisting_doubling"], ["yarn"], ["wool", "cashmere", "acrylic", "nylon"], [["毛纺", "Wool Spinning"], ["毛纺织", "Woollen Textile"]]),
  sewing_thread: P("spinning", ["sewing_thread", "twisting_doubling"], ["yarn"], ["polyester", "cotton", "nylon"], [["线业", "Thread"], ["纺织", "Textile"]]),
  woven_weaving: P(
    "weaving_knitting",
    ["warping_sizing", "air_jet_loom", "rapier_loom", "jacquard_dobby", "projectile_loom", "water_jet_loom"],
    ["woven_fabric"],
    ["cotton", "polyester", "viscose", "linen", "spandex"],
    [["织造", "Weaving"], ["纺织", "Textile"], ["织布", "Weaving"]],
  ),
  yarn_dyed: P("weaving_knitting", ["yarn_dyed_weaving", "rapier_loom", "jacquard_dobby", "denim_weaving"], ["yarn_dyed_fabric", "woven_fabric", "denim_fabric"], ["cotton", "polyester", "linen"], [["色织", "Yarn-dyed Fabric"], ["纺织", "Textile"]]),
  circular_knit: P("weaving_knitting", ["circular_knitting", "warp_knitting", "seamless_knitting"], ["knit_fabric"], ["cotton", "polyester", "spandex", "modal", "viscose"], [["针织", "Knitting"], ["针纺", "Knit Textile"]]),
  sweater_knit: P("weaving_knitting", ["flat_knitting", "fully_fashioned_linking"], ["knitwear_sweaters"], ["wool", "cashmere", "acrylic", "viscose", "nylon"], [["针织", "Knitting"], ["毛衫", "Knitwear"]]),
  hosiery: P("weaving_knitting", ["hosiery_knitting", "seamless_knitting"], ["socks"], ["cotton", "nylon", "spandex", "polyester"], [["袜业", "Hosiery"], ["针织", "Knitting"]]),
  webbing: P("weaving_knitting", ["narrow_fabric", "jacquard_dobby"], ["webbing"], ["polyester", "nylon", "polypropylene"], [["织带", "Webbing"], ["纺织", "Textile"]]),
  terry_weaving: P("weaving_knitting", ["terry_towel_weaving", "warping_sizing"], [], ["cotton", "bamboo"], [["毛巾", "Towel"], ["纺织", "Textile"]]),
  dyeing: P(
    "dyeing_printing_finishing",
    ["pretreatment", "reactive_dyeing", "disperse_dyeing", "jet_overflow", "continuous_pad", "cold_pad_batch", "stenter_heat_set", "mechanical_finishing", "vat_indigo", "acid_dyeing"],
    ["finished_fabric"],
    ["cotton", "polyester", "viscose", "nylon"],
    [["印染", "Dyeing"], ["染整", "Dyeing & Finishing"]],
  ),
  printing: P("dyeing_printing_finishing", ["rotary_screen_printing", "flat_screen_printing", "digital_printing", "waterless_low_water", "stenter_heat_set"], ["finished_fabric"], ["cotton", "polyester", "viscose", "silk"], [["印花", "Printing"], ["印染", "Dyeing"]]),
  yarn_dyeing: P("dyeing_printing_finishing", ["yarn_package_dyeing", "loose_fibre_hank_dyeing", "cationic_dyeing"], [], ["cotton", "polyester", "acrylic", "wool"], [["染色", "Dyeing"], ["纱线染色", "Yarn Dyeing"]]),
  functional_finishing: P("dyeing_printing_finishing", ["fr_finishing", "water_repellent_finishing", "antibacterial_finishing", "easy_care_finishing", "coating_lamination"], ["finished_fabric"], ["cotton", "polyester", "nylon"], [["功能面料", "Functional Fabrics"], ["后整理", "Finishing"]]),
  batik: P("dyeing_printing_finishing", ["batik_tie_dye", "natural_plant_dyeing", "garment_dye_wash"], ["finished_fabric"], ["cotton", "linen", "silk"], [["蜡染", "Batik"], ["手工印染", "Handcraft Dyeing"]]),
  childrenswear: P("garment", ["cmt", "fob_full_package", "odm", "sewing", "garment_printing", "embroidery", "qc_packing"], ["childrenswear", "knit_apparel"], ["cotton", "organic_cotton", "modal", "bamboo"], [["童装", "Kidswear"], ["服饰", "Apparel"], ["针织服饰", "Knit Apparel"]]),
  knit_apparel: P("garment", ["cmt", "fob_full_package", "sewing", "pressing_finishing", "qc_packing", "marker_cutting"], ["knit_apparel", "underwear", "sportswear", "casualwear"], ["cotton", "polyester", "spandex", "modal"], [["针织服饰", "Knit Apparel"], ["服装", "Garment"], ["制衣", "Garment"]]),
  menswear: P("garment", ["fob_full_package", "odm", "cmt", "pattern_grading", "marker_cutting", "made_to_measure"], ["menswear", "uniforms", "casualwear"], ["wool", "polyester", "cotton", "viscose"], [["服饰", "Apparel"], ["服装", "Garment"], ["西服", "Suits"]]),
  womenswear: P("garment", ["odm", "fob_full_package", "pattern_grading", "embroidery", "sewing"], ["womenswear", "casualwear"], ["silk", "polyester", "viscose", "cotton"], [["服饰", "Apparel"], ["时装", "Fashion"]]),
  casualwear: P("garment", ["cmt", "fob_full_package", "sewing", "garment_printing"], ["casualwear", "sportswear", "workwear"], ["cotton", "polyester", "nylon"], [["服装", "Garment"], ["制衣", "Garment"], ["服饰", "Apparel"]]),
  sweater_garment: P("garment", ["fob_full_package", "cmt", "pressing_finishing", "qc_packing"], ["knitwear_sweaters"], ["wool", "cashmere", "acrylic"], [["服饰", "Apparel"], ["针织服饰", "Knitwear"]]),
  workwear: P("garment", ["fob_full_package", "cmt", "marker_cutting"], ["workwear", "uniforms"], ["polyester", "cotton", "aramid"], [["工装", "Workwear"], ["服装", "Garment"]]),
  gloves: P("garment", ["glove_knitting", "glove_dipping", "glove_cut_sew"], ["gloves"], ["polyester", "nylon", "cotton", "uhmwpe", "aramid"], [["手套", "Gloves"], ["劳保用品", "Safety Products"]]),
  hanfu: P("garment", ["odm", "made_to_measure", "embroidery", "sewing"], ["hanfu"], ["silk", "polyester", "cotton", "linen"], [["汉服", "Hanfu"], ["服饰", "Apparel"]]),
  bedding: P("home_textiles", ["bedding", "quilting_filling"], ["bedding", "duvets"], ["cotton", "lyocell", "polyester", "silk"], [["家纺", "Home Textiles"], ["家用纺织品", "Home Textiles"]]),
  towels: P("home_textiles", ["towels"], ["towels"], ["cotton", "bamboo", "polyester"], [["毛巾", "Towel"], ["家纺", "Home Textiles"]]),
  blankets: P("home_textiles", ["blankets", "quilting_filling"], ["blankets"], ["polyester", "acrylic", "wool"], [["毛毯", "Blanket"], ["家纺", "Home Textiles"]]),
  curtains: P("home_textiles", ["curtains_upholstery"], ["curtains"], ["polyester", "linen", "cotton"], [["布艺", "Fabric Decor"], ["家纺", "Home Textiles"]]),
  carpets: P("home_textiles", ["carpets"], ["carpets"], ["polypropylene", "wool", "nylon", "polyester"], [["地毯", "Carpet"]]),
  ropes: P("industrial_textiles", ["ropes_cordage"], ["ropes_nets"], ["polypropylene", "polyethylene", "nylon", "uhmwpe", "polyester", "sisal"], [["绳网", "Ropes & Nets"], ["化纤绳缆", "Rope"]]),
  nets: P("industrial_textiles", ["fishing_nets", "aquaculture_nets", "safety_nets", "sports_nets"], ["ropes_nets"], ["polyethylene", "nylon", "uhmwpe", "polypropylene"], [["网业", "Netting"], ["绳网", "Ropes & Nets"], ["渔具", "Fishing Gear"]]),
  geotextile: P("industrial_textiles", ["geotextile_nonwoven", "geotextile_woven", "needle_punch"], ["geotextiles", "geogrid", "nonwovens"], ["polyester", "polypropylene"], [["土工材料", "Geosynthetics"], ["新材料", "New Materials"]]),
  nonwoven: P("industrial_textiles", ["spunbond", "meltblown", "spunlace", "thermal_chemical_bond", "needle_punch"], ["nonwovens", "medical_textiles", "filtration"], ["polypropylene", "polyester", "viscose"], [["无纺布", "Nonwovens"], ["非织造", "Nonwovens"]]),
  medical: P("industrial_textiles", ["medical_hygiene", "spunlace", "meltblown"], ["medical_textiles", "nonwovens"], ["polypropylene", "viscose", "cotton"], [["医用材料", "Medical Materials"], ["卫材", "Hygiene Products"]]),
  filtration: P("industrial_textiles", ["filter_media", "needle_punch"], ["filtration"], ["polyester", "polypropylene", "aramid", "glass_fibre"], [["滤材", "Filtration"], ["环保材料", "Environmental Materials"]]),
  coated: P("industrial_textiles", ["coated_fabrics", "geotextile_woven"], ["fibc_bags", "geotextiles"], ["polypropylene", "polyester"], [["塑编", "Woven Bags"], ["篷布", "Tarpaulin"]]),
  industrial_yarn: P("industrial_textiles", ["tyre_cord_industrial_yarn"], [], ["polyester", "nylon"], [["帘子布", "Tyre Cord"], ["化纤", "Synthetic Fibre"]]),
  ind_webbing: P("industrial_textiles", ["narrow_webbing", "safety_nets"], ["webbing", "ropes_nets"], ["polyester", "nylon", "polypropylene"], [["织带", "Webbing"], ["安全用品", "Safety Products"]]),
  polyester_fibre: P("fiber", ["melt_spinning_polyester", "texturing_dty", "recycled_fibre"], ["filament", "staple_fibre"], ["polyester", "recycled_polyester", "nylon"], [["化纤", "Synthetic Fibre"], ["新材料", "New Materials"]]),
  cellulosic: P("fiber", ["viscose_lyocell"], ["staple_fibre", "filament"], ["viscose", "lyocell", "modal", "bamboo"], [["纤维", "Fibre"], ["化纤", "Fibre"]]),
  hpf: P("fiber", ["high_performance_fibre"], ["filament", "staple_fibre"], ["aramid", "uhmwpe", "carbon_fibre"], [["高性能纤维", "High-performance Fibre"], ["新材料", "New Materials"]]),
  ginning: P("fiber", ["cotton_ginning"], ["staple_fibre"], ["cotton"], [["棉业", "Cotton"], ["棉花加工", "Cotton Ginning"]]),
  wool_tops: P("fiber", ["wool_scouring_tops"], [], ["wool", "cashmere"], [["毛条", "Wool Tops"], ["毛纺", "Wool"]]),
  recycled: P("fiber", ["recycled_fibre"], ["staple_fibre"], ["recycled_polyester", "recycled_cotton"], [["再生资源", "Recycling"], ["环保科技", "Eco-tech"]]),
  machinery_weaving: P("textile_machinery", ["weaving_machinery", "auxiliary_parts"], ["textile_machines"], [], [["纺织机械", "Textile Machinery"], ["机械", "Machinery"]]),
  machinery_knitting: P("textile_machinery", ["knitting_machinery", "auxiliary_parts"], ["textile_machines"], [], [["针织机械", "Knitting Machinery"], ["机械", "Machinery"]]),
  machinery_spinning: P("textile_machinery", ["spinning_machinery", "auxiliary_parts"], ["textile_machines"], [], [["纺机", "Spinning Machinery"], ["机械", "Machinery"]]),
  machinery_dyeing: P("textile_machinery", ["dyeing_finishing_machinery", "nonwoven_machinery"], ["textile_machines"], [], [["染整机械", "Finishing Machinery"], ["机械", "Machinery"]]),
  machinery_fibre: P("textile_machinery", ["fibre_extrusion_machinery", "auxiliary_parts"], ["textile_machines"], [], [["化纤机械", "Fibre Machinery"], ["装备", "Equipment"]]),
  machinery_sewing: P("textile_machinery", ["sewing_machines", "auxiliary_parts"], ["textile_machines"], [], [["缝制设备", "Sewing Equipment"], ["机械", "Machinery"]]),
} satisfies Record<string, Profile>;

export type ProfileKey = keyof typeof profiles;

/** What an anchor firm also runs: the next step up or down the chain. */
export const verticalPartner: Partial<Record<ProfileKey, ProfileKey>> = {
  cotton_spinning: "woven_weaving",
  melange: "circular_knit",
  wool_spinning: "sweater_knit",
  woven_weaving: "dyeing",
  yarn_dyed: "yarn_dyeing",
  circular_knit: "dyeing",
  dyeing: "woven_weaving",
  printing: "dyeing",
  childrenswear: "circular_knit",
  knit_apparel: "circular_knit",
  menswear: "woven_weaving",
  casualwear: "printing",
  sweater_knit: "sweater_garment",
  sweater_garment: "sweater_knit",
  towels: "terry_weaving",
  bedding: "printing",
  geotextile: "nonwoven",
  ropes: "nets",
  nets: "ropes",
  nonwoven: "medical",
  gloves: "workwear",
  polyester_fibre: "industrial_yarn",
  hpf: "ropes",
};
