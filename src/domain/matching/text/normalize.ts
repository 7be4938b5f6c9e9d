/**
 * Text normalisation shared by the demand reader: NFKC folds full-width Latin, digits and
 * punctuation (ＪＣ４０Ｓ, （）, ／) and ㎡ to their half-width forms; case is folded separately so that
 * the case-sensitive readers (12G gauge vs 180g weight) can still see what was typed.
 */
export function halfWidth(text: string): string {
  return text.normalize("NFKC").replace(/\u3000/g, " ");
}

/** Half-width and lower case; same length as halfWidth(text) for the text people type here. */
export function foldText(text: string): string {
  return halfWidth(text).toLowerCase();
}

/** Replaces [start, end) with spaces so later readers do not see a span twice. */
export function mask(text: string, start: number, end: number): string {
  return text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
}

export const isCjk = (ch: string | undefined): boolean => ch !== undefined && /[\u3400-\u9fff]/.test(ch);
export const isLatinOrDigit = (ch: string | undefined): boolean => ch !== undefined && /[a-z0-9]/i.test(ch);
