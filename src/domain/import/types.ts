/**
 * Shared shapes of a Listings CSV import (formats §1): a row's problems carry a reason code (an
 * i18n key, translated by the UI) with its parameters, and the physical line and column.
 */
export interface ImportIssue {
  /** Physical line of the file (the header is line 1); 0 for file-level warnings. */
  line: number;
  /** The column name as written in the file's header, or "" when it concerns the whole row. */
  column: string;
  /** i18n key: `validation.*` (the shared schema) or `imports.reasons.*`. */
  code: string;
  params: Record<string, string | number>;
  /** The same in readable English, for the CLI and integrators. */
  message: string;
}

export type SourceEncoding = "utf-8" | "utf-8-bom" | "gb18030" | "xlsx";

/** A file read into a header and rows, before any column is interpreted. */
export interface SheetData {
  encoding: SourceEncoding;
  header: string[];
  /** Physical line of each row (header = 1). */
  rows: Array<{ line: number; cells: string[] }>;
}

/** Why a whole file is refused (CLI exit 2). */
export type RefusalReason = "tooLarge" | "binary" | "empty" | "noHeader" | "missingColumns" | "unreadable" | "badQuoting";

export class ImportRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly params: Record<string, string | number> = {},
    message?: string,
  ) {
    super(message ?? reason);
    this.name = "ImportRefusal";
  }
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
