import { parse } from "csv-parse/sync";
import { decodeText } from "./decode";
import { ImportRefusal, type SheetData } from "./types";

/**
 * RFC 4180 parsing with csv-parse. Each record keeps the physical line it starts on (a quoted cell
 * may span lines; blank lines are skipped but still counted).
 */
export function parseCsvText(text: string): Omit<SheetData, "encoding"> {
  // One line-ending style for the parser; the number of physical lines stays the same.
  const normalised = text.replace(/\r\n?/g, "\n");
  let records: Array<{ record: string[]; raw: string }>;
  try {
    records = parse(normalised, {
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: "\n",
    }) as unknown as Array<{ record: string[]; raw: string }>;
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    throw new ImportRefusal("badQuoting", { line: err.lines ?? 0 }, `The file is not valid CSV near line ${err.lines ?? "?"}: ${err.message ?? ""}`.trim());
  }
  let cursor = 1;
  const out: Array<{ line: number; cells: string[] }> = [];
  for (const r of records) {
    const leading = /^\n*/.exec(r.raw)?.[0].length ?? 0;
    out.push({ line: cursor + leading, cells: r.record });
    for (let i = 0; i < r.raw.length; i++) if (r.raw.charCodeAt(i) === 10) cursor++;
  }
  const blank = (cells: string[]) => cells.every((c) => c.trim() === "");
  const rows = out.filter((r) => !blank(r.cells));
  const [header, ...body] = rows;
  if (!header) throw new ImportRefusal("noHeader", {}, "The file has no header row");
  return { header: header.cells.map((h) => h.trim()), rows: body };
}

export function readCsv(bytes: Uint8Array): SheetData {
  const { text, encoding } = decodeText(bytes);
  return { encoding, ...parseCsvText(text) };
}
