/**
 * Listings CSV rows (formats §1) → values for the shared listing schema plus the company and site
 * they belong to. Pure: no database; the service decides what the rows mean for existing data.
 */
import { listingInputSchema, type ListingValues } from "../schemas/market";
import type { OrgType } from "../schemas/organization";
import {
  certificationSchemes,
  chainLinks,
  counties,
  defaultCoordinates,
  fibers,
  findByName,
  getCity,
  getCounty,
  getProvince,
  processes,
  products,
  provinces,
  SHANDONG_ADCODE,
  shandongCities,
} from "../taxonomy";
import { toHalfWidth } from "../text";
import { parseEquipmentUnit, toCanonical } from "../units";
import { checkUscc } from "../uscc";
import { englishMessage } from "./messages";
import { ImportRefusal, type ImportIssue, type SheetData } from "./types";

export const LISTING_COLUMNS = [
  "ref",
  "company_name",
  "company_uscc",
  "company_type",
  "specialized_sme",
  "city_adcode",
  "province",
  "address",
  "lat",
  "lng",
  "kind",
  "chain_link",
  "processes",
  "products",
  "fibers",
  "title",
  "description",
  "capacity_value",
  "capacity_unit",
  "moq_value",
  "moq_unit",
  "lead_time_days",
  "yarn_count_ne_min",
  "yarn_count_ne_max",
  "gsm_min",
  "gsm_max",
  "width_cm_max",
  "certifications",
  "available_from",
  "available_to",
  "equipment",
  "price_value",
  "price_unit",
  "price_tax_included",
] as const;
export type ListingColumn = (typeof LISTING_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ListingColumn[] = ["ref", "company_name", "city_adcode", "chain_link", "processes", "title", "capacity_value", "capacity_unit"];

/** Schema field → the column that carries it, to point a schema error at the right column. */
const FIELD_COLUMN: Record<string, ListingColumn> = {
  kind: "kind",
  chainLink: "chain_link",
  processes: "processes",
  products: "products",
  fibers: "fibers",
  title: "title",
  description: "description",
  capacityValue: "capacity_value",
  capacityUnit: "capacity_unit",
  moqValue: "moq_value",
  moqUnit: "moq_unit",
  leadTimeDays: "lead_time_days",
  yarnCountNeMin: "yarn_count_ne_min",
  yarnCountNeMax: "yarn_count_ne_max",
  gsmMin: "gsm_min",
  gsmMax: "gsm_max",
  widthCmMax: "width_cm_max",
  equipment: "equipment",
  priceValue: "price_value",
  priceUnit: "price_unit",
  priceTaxIncluded: "price_tax_included",
  availableFrom: "available_from",
  availableTo: "available_to",
};

export interface ImportCompany {
  name: string;
  /** Normalised name used for grouping (full-width folded, spaces trimmed and collapsed). */
  nameKey: string;
  uscc: string | null;
  type: OrgType;
  /** null when the column is empty: leave the organisation's level as it is. */
  specializedSme: boolean | null;
  provinceAdcode: string;
  cityAdcode: string | null;
  countyAdcode: string | null;
}

export interface ImportSite {
  address: string | null;
  provinceAdcode: string;
  cityAdcode: string | null;
  countyAdcode: string | null;
  lat: number | null;
  lng: number | null;
}

/** The listing columns as stored: canonical units, plus what the file said for display. */
export interface ImportListingRecord {
  kind: "capability" | "capacity";
  chainLink: string;
  processes: string[];
  products: string[];
  fibers: string[];
  title: string;
  description: string | null;
  capacityValue: number;
  capacityUnit: string;
  capacityInputValue: number;
  capacityInputUnit: string;
  moqValue: number | null;
  moqUnit: string | null;
  moqInputValue: number | null;
  moqInputUnit: string | null;
  leadTimeDays: number | null;
  yarnCountNeMin: number | null;
  yarnCountNeMax: number | null;
  gsmMin: number | null;
  gsmMax: number | null;
  widthCmMax: number | null;
  equipment: Array<{ unit: string; count: number }> | null;
  priceValue: number | null;
  priceUnit: string | null;
  priceTaxIncluded: boolean | null;
  availableFrom: string | null;
  availableTo: string | null;
}

export interface ImportRow {
  line: number;
  ref: string;
  groupKey: string;
  company: ImportCompany;
  site: ImportSite;
  certifications: Array<{ schemeId: string; validTo: string | null }>;
  listing: ImportListingRecord;
}

export interface ValidationResult {
  encoding: SheetData["encoding"];
  header: string[];
  /** Columns recognised, in file order. */
  columns: ListingColumn[];
  rows: ImportRow[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Lines of rejected rows (each may have several errors). */
  rejectedLines: number[];
  totalRows: number;
}

export function issue(line: number, column: string, code: string, params: Record<string, string | number> = {}): ImportIssue {
  return { line, column, code, params, message: englishMessage(code, params) };
}

const headerKey = (h: string) =>
  toHalfWidth(h)
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** Maps header cells to known columns; unknown ones are warnings, missing required ones refuse the file. */
export function mapHeader(header: string[]): { index: Map<ListingColumn, number>; names: Map<ListingColumn, string>; warnings: ImportIssue[] } {
  const known = new Set<string>(LISTING_COLUMNS);
  const index = new Map<ListingColumn, number>();
  const names = new Map<ListingColumn, string>();
  const warnings: ImportIssue[] = [];
  header.forEach((raw, i) => {
    const key = headerKey(raw);
    if (key === "") return;
    if (!known.has(key)) {
      warnings.push(issue(1, raw, "imports.reasons.unknownColumn", { column: raw }));
      return;
    }
    const col = key as ListingColumn;
    if (index.has(col)) {
      warnings.push(issue(1, raw, "imports.reasons.duplicateColumn", { column: raw }));
      return;
    }
    index.set(col, i);
    names.set(col, raw);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    const list = missing.join(", ");
    throw new ImportRefusal("missingColumns", { columns: list }, `Required columns are missing: ${list}`);
  }
  return { index, names, warnings };
}

export function normaliseName(name: string): string {
  return toHalfWidth(name.normalize("NFC")).trim().replace(/\s+/g, " ");
}

const splitMulti = (s: string) =>
  s
    .split(/[|｜]/)
    .map((v) => v.trim())
    .filter((v) => v !== "");

const TRUE = new Set(["true", "1", "yes", "y", "是", "含税", "t"]);
const FALSE = new Set(["false", "0", "no", "n", "否", "不含税", "f"]);
function parseBool(s: string): boolean | undefined | "bad" {
  const k = toHalfWidth(s).trim().toLowerCase();
  if (k === "") return undefined;
  if (TRUE.has(k)) return true;
  if (FALSE.has(k)) return false;
  return "bad";
}

/** Numbers as people type them: half-width, thousands separators, no spaces. */
function numberText(s: string): string {
  const t = toHalfWidth(s).trim().replace(/\s+/g, "");
  return /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, "") : t;
}

/** ISO date from 2027-03-31, 2027/3/31 or 2027.3.31; "bad" for anything else or a day that does not exist. */
export function parseDay(s: string): string | undefined | "bad" {
  const t = toHalfWidth(s).trim();
  if (t === "") return undefined;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) return "bad";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return "bad";
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const placeKey = (s: string) =>
  toHalfWidth(s)
    .trim()
    .replace(/\s+/g, "")
    .toLowerCase()
    .replace(/(省|市|区|县|自治区|维吾尔|回族|壮族|特别行政区|city|province|county|district)$/u, "");

function findPlace<T extends { adcode: string; zh: string; en?: string }>(entries: readonly T[], text: string): T | undefined {
  const exact = entries.find((e) => e.adcode === text);
  if (exact) return exact;
  const key = placeKey(text);
  if (key === "") return undefined;
  return entries.find((e) => placeKey(e.zh) === key || (e.en !== undefined && placeKey(e.en) === key));
}

const COMPANY_TYPES: Record<string, OrgType> = {
  anchor: "anchor",
  龙头企业: "anchor",
  龙头: "anchor",
  sme: "sme",
  中小企业: "sme",
  service_center: "service_center",
  service_centre: "service_center",
  服务中心: "service_center",
  产业集群服务中心: "service_center",
};
const KINDS: Record<string, "capability" | "capacity"> = {
  capability: "capability",
  能力: "capability",
  capacity: "capacity",
  产能: "capacity",
  空闲产能: "capacity",
};

type Entry = { id: string; zh: string; en?: string; name?: string; aliases?: string[] };
const idSets = new WeakMap<readonly Entry[], Set<string>>();
/** Ids pass straight through (the common case in machine-made files); names and aliases are looked up. */
function idByName(entries: readonly Entry[], value: string): string | undefined {
  let ids = idSets.get(entries);
  if (!ids) idSets.set(entries, (ids = new Set(entries.map((e) => e.id))));
  return ids.has(value) ? value : findByName(entries, value)?.id;
}
function idsByName(values: string[], entries: readonly Entry[]): string[] {
  return values.map((v) => idByName(entries, v) ?? v);
}

const tidy = (n: number) => Number(n.toPrecision(12));

/** Validates one row; returns the row or the issues that reject it. */
export function validateRow(
  line: number,
  cells: string[],
  cols: { index: Map<ListingColumn, number>; names: Map<ListingColumn, string> },
): { row?: ImportRow; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const get = (c: ListingColumn) => {
    const i = cols.index.get(c);
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const colName = (c: ListingColumn) => cols.names.get(c) ?? c;
  const fail = (c: ListingColumn | "", code: string, params: Record<string, string | number> = {}) =>
    errors.push(issue(line, c === "" ? "" : colName(c), code, params));

  // ---- ref and company
  const ref = get("ref");
  if (ref === "") fail("ref", "validation.required");
  else if (ref.length > 200) fail("ref", "validation.tooLong");

  const name = normaliseName(get("company_name"));
  if (name === "") fail("company_name", "validation.required");
  else if (name.length < 2) fail("company_name", "validation.nameTooShort");
  else if (name.length > 120) fail("company_name", "validation.tooLong");

  let uscc: string | null = null;
  const usccText = get("company_uscc");
  if (usccText !== "") {
    const r = checkUscc(usccText);
    if (r.ok) uscc = r.value;
    else fail("company_uscc", `validation.uscc.${r.reason}`, { value: usccText });
  }

  let type: OrgType = "sme";
  const typeText = get("company_type");
  if (typeText !== "") {
    const t = COMPANY_TYPES[toHalfWidth(typeText).trim().toLowerCase()];
    if (t) type = t;
    else fail("company_type", "imports.reasons.companyType", { value: typeText });
  }
  const sme = parseBool(get("specialized_sme"));
  if (sme === "bad") fail("specialized_sme", "imports.reasons.boolean", { value: get("specialized_sme") });

  // ---- place
  let provinceAdcode = SHANDONG_ADCODE;
  const provinceText = get("province");
  if (provinceText !== "") {
    const p = getProvince(provinceText) ?? findPlace(provinces, provinceText);
    if (p) provinceAdcode = p.adcode;
    else fail("province", "imports.reasons.unknownProvince", { value: provinceText });
  }
  let cityAdcode: string | null = null;
  let countyAdcode: string | null = null;
  const cityText = get("city_adcode");
  if (provinceAdcode === SHANDONG_ADCODE) {
    if (cityText === "") fail("city_adcode", "validation.required");
    else {
      const county = getCounty(cityText) ?? findPlace(counties, cityText);
      const city = getCity(cityText) ?? findPlace(shandongCities, cityText);
      if (city) cityAdcode = city.adcode;
      else if (county) {
        countyAdcode = county.adcode;
        cityAdcode = county.cityAdcode;
      } else fail("city_adcode", "imports.reasons.unknownCity", { value: cityText });
    }
  } else if (cityText !== "") {
    fail("city_adcode", "validation.cityOutsideShandong", { value: cityText });
  }

  let lat: number | null = null;
  let lng: number | null = null;
  const latText = numberText(get("lat"));
  const lngText = numberText(get("lng"));
  if ((latText === "") !== (lngText === "")) fail(latText === "" ? "lat" : "lng", "validation.coordinatesBoth");
  else if (latText !== "") {
    const la = Number(latText);
    const ln = Number(lngText);
    if (!Number.isFinite(la) || la < -90 || la > 90) fail("lat", "validation.coordinates", { value: get("lat") });
    if (!Number.isFinite(ln) || ln < -180 || ln > 180) fail("lng", "validation.coordinates", { value: get("lng") });
    lat = la;
    lng = ln;
  }

  // ---- listing fields
  const kindText = get("kind");
  let kind: "capability" | "capacity" = "capability";
  if (kindText !== "") {
    const k = KINDS[toHalfWidth(kindText).trim().toLowerCase()];
    if (k) kind = k;
    else fail("kind", "imports.reasons.kind", { value: kindText });
  }
  const chainLinkText = get("chain_link");
  const chainLink = chainLinkText === "" ? "" : (idByName(chainLinks, chainLinkText) ?? chainLinkText);

  const dates: Partial<Record<"available_from" | "available_to", string>> = {};
  for (const c of ["available_from", "available_to"] as const) {
    const d = parseDay(get(c));
    if (d === "bad") fail(c, "validation.date", { value: get(c) });
    else if (d) dates[c] = d;
  }

  const equipment: Array<{ unit: string; count: number }> = [];
  for (const part of splitMulti(get("equipment"))) {
    const m = /^(.+?)\s*[:：]\s*(.+)$/.exec(part);
    const unit = m ? parseEquipmentUnit(m[1]!) : null;
    const count = m ? Number(numberText(m[2]!)) : NaN;
    if (!m || !unit) fail("equipment", "validation.equipmentUnit", { value: part });
    else if (!Number.isFinite(count) || count <= 0) fail("equipment", "validation.positive", { value: part });
    else equipment.push({ unit: unit.unit, count: tidy(count * unit.factor) });
  }

  const certifications: Array<{ schemeId: string; validTo: string | null }> = [];
  for (const part of splitMulti(get("certifications"))) {
    const [schemeText = "", dateText] = part.split("@").map((s) => s.trim());
    const schemeId = idByName(certificationSchemes, schemeText);
    if (!schemeId) {
      fail("certifications", "validation.certification", { value: part });
      continue;
    }
    let validTo: string | null = null;
    if (dateText !== undefined) {
      const d = parseDay(dateText);
      if (d === "bad" || d === undefined) {
        fail("certifications", "validation.date", { value: part });
        continue;
      }
      validTo = d;
    }
    if (!certifications.some((c) => c.schemeId === schemeId && c.validTo === validTo)) certifications.push({ schemeId, validTo });
  }

  const tax = parseBool(get("price_tax_included"));
  if (tax === "bad") fail("price_tax_included", "imports.reasons.boolean", { value: get("price_tax_included") });

  const input = {
    kind,
    chainLink,
    processes: idsByName(splitMulti(get("processes")), processes),
    products: idsByName(splitMulti(get("products")), products),
    fibers: idsByName(splitMulti(get("fibers")), fibers),
    title: get("title"),
    description: get("description"),
    capacityValue: numberText(get("capacity_value")),
    capacityUnit: get("capacity_unit"),
    moqValue: numberText(get("moq_value")),
    moqUnit: get("moq_unit"),
    leadTimeDays: numberText(get("lead_time_days")),
    yarnCountNeMin: numberText(get("yarn_count_ne_min")),
    yarnCountNeMax: numberText(get("yarn_count_ne_max")),
    gsmMin: numberText(get("gsm_min")),
    gsmMax: numberText(get("gsm_max")),
    widthCmMax: numberText(get("width_cm_max")),
    equipment,
    priceValue: numberText(get("price_value")),
    priceUnit: get("price_unit"),
    priceTaxIncluded: tax === true || tax === false ? tax : undefined,
    availableFrom: dates.available_from,
    availableTo: dates.available_to,
  };
  // Date cells already reported above must not be reported again as missing by the window check.
  const badDates = (["available_from", "available_to"] as const).filter((c) => parseDay(get(c)) === "bad");

  const parsed = listingInputSchema.safeParse(input);
  let values: ListingValues | undefined;
  if (parsed.success) values = parsed.data;
  else {
    const seen = new Set<string>();
    for (const iss of parsed.error.issues) {
      const [field, idx] = iss.path as [string, number | undefined];
      const column = FIELD_COLUMN[field] ?? "";
      if (column !== "" && badDates.includes(column as (typeof badDates)[number])) continue;
      const code = iss.message.startsWith("validation.") ? iss.message : "validation.invalid";
      let value: string | undefined;
      if (field === "processes" && typeof idx === "number") value = splitMulti(get("processes"))[idx];
      else if ((field === "products" || field === "fibers") && typeof idx === "number") value = splitMulti(get(field))[idx];
      else if (column !== "") value = get(column);
      const key = `${column}|${code}|${value ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fail(column, code, value ? { value } : {});
    }
  }

  if (errors.length > 0 || !values) return { errors };

  // ---- canonical record (units resolved; the schema already proved they parse)
  const cap = toCanonical(values.capacityValue, values.capacityUnit, "rate")!;
  const moq = values.moqValue !== undefined && values.moqUnit ? toCanonical(values.moqValue, values.moqUnit, "quantity") : null;
  const price = values.priceValue !== undefined && values.priceUnit ? toCanonical(1, values.priceUnit, "quantity") : null;
  const coords = lat !== null && lng !== null ? { lat, lng } : defaultCoordinates({ provinceAdcode, cityAdcode: cityAdcode ?? undefined, countyAdcode: countyAdcode ?? undefined });
  const nameKey = name;
  const row: ImportRow = {
    line,
    ref,
    groupKey: uscc ? `uscc:${uscc}` : `name:${nameKey}|${provinceAdcode}|${cityAdcode ?? ""}`,
    company: { name, nameKey, uscc, type, specializedSme: sme === true || sme === false ? sme : null, provinceAdcode, cityAdcode, countyAdcode },
    site: { address: get("address") || null, provinceAdcode, cityAdcode, countyAdcode, lat: coords?.lat ?? null, lng: coords?.lng ?? null },
    certifications,
    listing: {
      kind: values.kind,
      chainLink: values.chainLink,
      processes: values.processes,
      products: values.products,
      fibers: values.fibers,
      title: values.title,
      description: values.description ?? null,
      capacityValue: cap.value,
      capacityUnit: cap.unit,
      capacityInputValue: values.capacityValue,
      capacityInputUnit: values.capacityUnit,
      moqValue: moq?.value ?? null,
      moqUnit: moq?.unit ?? null,
      moqInputValue: values.moqValue ?? null,
      moqInputUnit: values.moqUnit ?? null,
      leadTimeDays: values.leadTimeDays ?? null,
      yarnCountNeMin: values.yarnCountNeMin ?? null,
      yarnCountNeMax: values.yarnCountNeMax ?? null,
      gsmMin: values.gsmMin ?? null,
      gsmMax: values.gsmMax ?? null,
      widthCmMax: values.widthCmMax ?? null,
      equipment: values.equipment.length > 0 ? values.equipment : null,
      // Price per canonical quantity unit (¥/万米 → ¥/m).
      priceValue: price && values.priceValue !== undefined ? tidy(values.priceValue / price.value) : null,
      priceUnit: price?.unit ?? null,
      priceTaxIncluded: values.priceTaxIncluded ?? null,
      availableFrom: values.availableFrom ?? null,
      availableTo: values.availableTo ?? null,
    },
  };
  return { row, errors };
}

/**
 * Validates every row of a sheet: header mapping, each row on its own, then refs repeated within
 * the file (rejected on their second line) and company-field conflicts (last row wins, warned).
 */
export function validateSheet(sheet: SheetData): ValidationResult {
  const cols = mapHeader(sheet.header);
  const warnings = [...cols.warnings];
  const errors: ImportIssue[] = [];
  const rows: ImportRow[] = [];
  const rejected = new Set<number>();
  const firstLineOfRef = new Map<string, number>();
  const refColumn = cols.names.get("ref") ?? "ref";
  for (const { line, cells } of sheet.rows) {
    const result = validateRow(line, cells, cols);
    const ref = (cells[cols.index.get("ref") ?? -1] ?? "").trim();
    if (ref !== "") {
      const first = firstLineOfRef.get(ref);
      if (first !== undefined) result.errors.push(issue(line, refColumn, "imports.reasons.duplicateRef", { value: ref, firstLine: first }));
      else firstLineOfRef.set(ref, line);
    }
    if (result.errors.length > 0 || !result.row) {
      errors.push(...result.errors);
      rejected.add(line);
    } else rows.push(result.row);
  }
  warnings.push(...companyConflicts(rows, cols.names));
  const columns = [...cols.index.entries()].sort((a, b) => a[1] - b[1]).map(([c]) => c);
  return { encoding: sheet.encoding, header: sheet.header, columns, rows, errors, warnings, rejectedLines: [...rejected], totalRows: sheet.rows.length };
}

const COMPANY_FIELDS: Array<[keyof ImportCompany, ListingColumn]> = [
  ["name", "company_name"],
  ["type", "company_type"],
  ["specializedSme", "specialized_sme"],
  ["cityAdcode", "city_adcode"],
  ["provinceAdcode", "province"],
];

/** The company of each group as its last row states it, and a warning where rows disagree. */
export function companyConflicts(rows: ImportRow[], names: Map<ListingColumn, string>): ImportIssue[] {
  const last = new Map<string, ImportRow>();
  const out: ImportIssue[] = [];
  for (const row of rows) {
    const prev = last.get(row.groupKey);
    if (prev) {
      for (const [field, column] of COMPANY_FIELDS) {
        const a = prev.company[field];
        const b = row.company[field];
        if (field === "specializedSme" && b === null) continue;
        if (a !== b)
          out.push(issue(row.line, names.get(column) ?? column, "imports.reasons.companyConflict", { previousLine: prev.line, previous: String(a ?? ""), value: String(b ?? "") }));
      }
    }
    last.set(row.groupKey, row);
  }
  return out;
}

/** Groups rows into companies; each group's company is its last row's. */
export function groupRows(rows: ImportRow[]): Map<string, { company: ImportCompany; rows: ImportRow[] }> {
  const groups = new Map<string, { company: ImportCompany; rows: ImportRow[] }>();
  for (const row of rows) {
    const g = groups.get(row.groupKey);
    if (g) {
      g.rows.push(row);
      g.company = { ...row.company, specializedSme: row.company.specializedSme ?? g.company.specializedSme };
    } else groups.set(row.groupKey, { company: row.company, rows: [row] });
  }
  return groups;
}
