import { readCsv } from "./csv";
import { checkSize, isZip } from "./decode";
import { readXlsx } from "./xlsx";
import type { SheetData } from "./types";

export * from "./types";
export * from "./listings";
export { englishMessage } from "./messages";

/** A Listings file as it comes: XLSX when it is a ZIP, else CSV in UTF-8 or GB18030. */
export async function readListingsSheet(bytes: Uint8Array): Promise<SheetData> {
  checkSize(bytes.length);
  return isZip(bytes) ? readXlsx(bytes) : readCsv(bytes);
}
