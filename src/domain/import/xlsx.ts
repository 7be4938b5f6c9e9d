import ExcelJS from "exceljs";
import { checkSize } from "./decode";
import { ImportRefusal, type SheetData } from "./types";

function isoDay(d: Date): string {
  // Excel dates carry no zone; exceljs gives them as UTC midnight of the shown day.
  return d.toISOString().slice(0, 10);
}

/** A cell as the text a CSV export would show. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return isoDay(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return "";
  }
  return String(value);
}

/** The first worksheet of an XLSX workbook; a row's line is its spreadsheet row number. */
export async function readXlsx(bytes: Uint8Array): Promise<SheetData> {
  checkSize(bytes.length);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new ImportRefusal("unreadable", {}, "The XLSX workbook cannot be read");
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new ImportRefusal("noHeader", {}, "The workbook has no worksheet");
  const rows: Array<{ line: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const count = row.cellCount;
    for (let c = 1; c <= count; c++) cells.push(cellText(row.getCell(c).value).trim());
    if (cells.some((c) => c !== "")) rows.push({ line: rowNumber, cells });
  });
  const [header, ...body] = rows;
  if (!header) throw new ImportRefusal("noHeader", {}, "The workbook's first sheet has no header row");
  return { encoding: "xlsx", header: header.cells.map((h) => h.trim()), rows: body };
}
