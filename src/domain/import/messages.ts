/** English sentences for import reason codes (the CLI's `message`); the UI translates the codes itself. */
import importsEn from "../../i18n/messages/en/imports.json" with { type: "json" };
import validationEn from "../../i18n/messages/en/validation.json" with { type: "json" };

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, path: string[]): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const p of path) node = typeof node === "object" ? node[p] : undefined;
  return typeof node === "string" ? node : undefined;
}

export function englishMessage(code: string, params: Record<string, string | number> = {}): string {
  const [ns, ...path] = code.split(".");
  const tree = ns === "validation" ? (validationEn as Tree) : ns === "imports" ? (importsEn as Tree) : undefined;
  const template = tree ? lookup(tree, path) : undefined;
  const text = (template ?? code).replace(/\{(\w+)\}/g, (m, k: string) => (params[k] !== undefined ? String(params[k]) : m));
  // Schema messages do not name the value; add it so a line of the report stands on its own.
  return params.value !== undefined && !template?.includes("{value}") ? `${text}: "${params.value}"` : text;
}
