/**
 * Reads a Listings file as Excel on Chinese Windows saves it: UTF-8 (with or without BOM), else
 * GB18030/GBK (a superset decoder), or XLSX (recognised by its ZIP signature). Binary files are
 * refused whole.
 */
import { ImportRefusal, MAX_IMPORT_BYTES, type SourceEncoding } from "./types";

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Control characters a text table never contains (NUL and the C0 range except tab/CR/LF/FF). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) odd++;
  }
  return n > 0 && odd / n > 0.01;
}

export function checkSize(size: number): void {
  if (size > MAX_IMPORT_BYTES) throw new ImportRefusal("tooLarge", { maxMb: 50 }, "The file is larger than 50 MB");
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: SourceEncoding } {
  checkSize(bytes.length);
  if (bytes.length === 0) throw new ImportRefusal("empty", {}, "The file is empty");
  if (looksBinary(bytes)) throw new ImportRefusal("binary", {}, "This is not a CSV or XLSX file (binary content)");
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    return { text, encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    // Not valid UTF-8: Excel's "CSV" on Chinese Windows is GBK, which GB18030 decodes as a superset.
    const text = new TextDecoder("gb18030").decode(body);
    return { text, encoding: "gb18030" };
  }
}
