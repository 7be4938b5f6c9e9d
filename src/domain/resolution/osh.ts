/**
 * Open Supply Hub facility lists (formats §2): `country,name,address,sector,lat,lng`. Reads the
 * bytes with the Listings import's CSV reader (UTF-8 with or without BOM, GB18030) and returns one
 * facility per row, or the row's problems as reason codes (i18n keys) like the Listings import.
 */
import { readCsv } from "../import/csv";
import { issue } from "../import/listings";
import { ImportRefusal, type ImportIssue, type SheetData, type SourceEncoding } from "../import/types";
import { fold } from "./normalise";

export const OSH_COLUMNS = ["country", "name", "address", "sector", "lat", "lng"] as const;
export type OshColumn = (typeof OSH_COLUMNS)[number];
const REQUIRED: readonly OshColumn[] = ["country", "name"];

export interface OshRow {
  /** Physical line in the file (the header is line 1). */
  line: number;
  country: string;
  name: string;
  address: string;
  sector: string;
  lat: number | null;
  lng: number | null;
}

export interface OshParseResult {
  encoding: SourceEncoding;
  rows: OshRow[];
  /** Problems of rejected rows (a row may have several). */
  errors: ImportIssue[];
  /** Unknown columns, a lone latitude or longitude: the row or file is still read. */
  warnings: ImportIssue[];
  rejectedLines: number[];
  /** The name cell of each rejected line ("" when it had none), for the report. */
  rejectedNames: Record<number, string>;
  totalRows: number;
}

const R = "imports.osh.reasons";

const headerKey = (h: string) => fold(h).trim().replace(/[\s-]+/g, "_");

function mapHeader(header: string[]): { index: Map<OshColumn, number>; warnings: ImportIssue[] } {
  const index = new Map<OshColumn, number>();
  const warnings: ImportIssue[] = [];
  header.forEach((raw, i) => {
    const key = headerKey(raw);
    if (key === "") return;
    if (!(OSH_COLUMNS as readonly string[]).includes(key)) warnings.push(issue(1, raw, "imports.reasons.unknownColumn", { column: raw }));
    else if (index.has(key as OshColumn)) warnings.push(issue(1, raw, "imports.reasons.duplicateColumn", { column: raw }));
    else index.set(key as OshColumn, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new ImportRefusal("missingColumns", { columns: missing.join(", ") }, `Required columns are missing: ${missing.join(", ")}`);
  }
  return { index, warnings };
}

/** A coordinate cell: empty is null; anything else must be a finite number within its range. */
function coordinate(text: string, limit: number): { value: number | null; ok: boolean } {
  const t = fold(text).trim();
  if (t === "") return { value: null, ok: true };
  const value = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
  return Number.isFinite(value) && Math.abs(value) <= limit ? { value, ok: true } : { value: null, ok: false };
}

/** Interprets a sheet already read into header and rows. */
export function parseOshSheet(sheet: SheetData): OshParseResult {
  const { index, warnings } = mapHeader(sheet.header);
  const cell = (cells: string[], col: OshColumn) => {
    const i = index.get(col);
    return i === undefined ? "" : (cells[i] ?? "").replace(/\s+/g, " ").trim();
  };
  const rows: OshRow[] = [];
  const errors: ImportIssue[] = [];
  const rejected = new Set<number>();
  const rejectedNames: Record<number, string> = {};
  for (const { line, cells } of sheet.rows) {
    const problems: ImportIssue[] = [];
    const name = cell(cells, "name");
    const country = cell(cells, "country");
    if (name === "") problems.push(issue(line, "name", `${R}.missingName`));
    if (country === "") problems.push(issue(line, "country", `${R}.missingCountry`));
    const lat = coordinate(cell(cells, "lat"), 90);
    const lng = coordinate(cell(cells, "lng"), 180);
    if (!lat.ok) problems.push(issue(line, "lat", `${R}.badLatitude`, { value: cell(cells, "lat") }));
    if (!lng.ok) problems.push(issue(line, "lng", `${R}.badLongitude`, { value: cell(cells, "lng") }));
    if (problems.length > 0) {
      errors.push(...problems);
      rejected.add(line);
      rejectedNames[line] = name;
      continue;
    }
    let [la, ln] = [lat.value, lng.value];
    if ((la === null) !== (ln === null)) {
      // Half a coordinate places nothing: keep the facility, drop the number (the row is flagged coords_missing).
      warnings.push(issue(line, la === null ? "lat" : "lng", `${R}.halfCoordinates`));
      [la, ln] = [null, null];
    }
    rows.push({ line, country, name, address: cell(cells, "address"), sector: cell(cells, "sector"), lat: la, lng: ln });
  }
  return { encoding: sheet.encoding, rows, errors, warnings, rejectedLines: [...rejected].sort((a, b) => a - b), rejectedNames, totalRows: sheet.rows.length };
}

/** Reads an Open Supply Hub list file (CSV bytes in UTF-8, UTF-8 with BOM or GB18030). */
export function parseOshList(bytes: Uint8Array): OshParseResult {
  return parseOshSheet(readCsv(bytes));
}
