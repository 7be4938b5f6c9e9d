import "server-only";
import type { HighlightTerm } from "./query";

/**
 * Highlighting in TypeScript from the query's expanded words (the words typed, their synonyms and
 * typo corrections): matched spans are wrapped in `<mark>`, everything else is HTML-escaped. The
 * text is matched in its normalised form (NFKC, lower case), mapped back to the original characters.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A Latin word's crude stem ("yarns" → "yarn", "dyeing" → "dye"), so the stemmed index's matches light up. */
function stem(word: string): string {
  for (const suffix of ["ing", "es", "ed", "s"]) if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  return word;
}

/** One regex over the normalised text for all terms, longest first; null when there are none. */
export function highlighter(terms: readonly HighlightTerm[]): RegExp | null {
  const han = terms.filter((t) => t.han).map((t) => escapeRegex(t.text));
  // Latin words match at a word start and take the rest of the word (stemming, prefixes as typed).
  const latin = terms.filter((t) => !t.han).map((t) => escapeRegex(stem(t.text)));
  const alts = [...han.sort((a, b) => b.length - a.length)];
  if (latin.length) alts.push(`(?<![\\p{L}\\p{N}])(?:${latin.sort((a, b) => b.length - a.length).join("|")})[\\p{L}\\p{N}]*`);
  return alts.length ? new RegExp(alts.join("|"), "gu") : null;
}

/** The text with matches in `<mark>`, or null when nothing matched. */
export function highlight(text: string, re: RegExp): string | null {
  // Normalise code point by code point so every normalised index maps back to the original.
  let norm = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize("NFKC").toLowerCase();
    for (let k = 0; k < n.length; k++) origin.push(i);
    norm += n;
    i += ch.length;
  }
  origin.push(text.length);
  let out = "";
  let last = 0;
  let matched = false;
  re.lastIndex = 0;
  for (const m of norm.matchAll(re)) {
    if (m[0].length === 0) continue;
    const start = origin[m.index]!;
    // The end maps to the start of the next original character.
    const end = origin[m.index + m[0].length]!;
    if (start < last || end <= start) continue;
    out += `${escapeHtml(text.slice(last, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    last = end;
    matched = true;
  }
  return matched ? out + escapeHtml(text.slice(last)) : null;
}
