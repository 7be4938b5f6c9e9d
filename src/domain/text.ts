/**
 * Chinese IMEs produce full-width Latin letters, digits and punctuation (ＡＢＣ１２３（）／) and the
 * ideographic space; users paste them into codes and unit fields, so compare on half-width text.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
