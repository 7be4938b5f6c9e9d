/**
 * A minimal JSON Schema checker for the subset the Meilisearch OpenAPI description uses: $ref, type
 * (incl. type arrays, integer, null), nullable, enum, properties, required, additionalProperties,
 * propertyNames, items (incl. `false`), prefixItems, oneOf, anyOf, allOf, minimum, uniqueItems.
 * Returns the list of problems, each with its JSON path ([] = valid).
 */
export type Schema = boolean | Record<string, unknown>;

export interface Validator {
  validate(schema: Schema, value: unknown, path?: string): string[];
  resolve(ref: string): Schema;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

export function makeValidator(root: Record<string, unknown>): Validator {
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith("#/")) throw new Error(`external $ref not supported: ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown>)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    return node as Schema;
  };

  // `flattened`: inside allOf, additionalProperties:false of one branch cannot see the properties the
  // other branches declare (serde `flatten` in the Rust source), so it is not applied there.
  const validate = (schema: Schema, value: unknown, path = "$", flattened = false): string[] => {
    if (schema === true) return [];
    if (schema === false) return [`${path}: not allowed`];
    const s = schema;
    const errors: string[] = [];
    if (typeof s.$ref === "string") errors.push(...validate(resolve(s.$ref), value, path, flattened));
    if (s.nullable === true && value === null) return errors;
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      const actual = typeOf(value);
      const ok = types.some((t) => t === actual || (t === "number" && actual === "integer"));
      if (!ok) return [...errors, `${path}: expected ${types.join("|")}, got ${actual}`];
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
    if (typeof s.minimum === "number" && typeof value === "number" && value < s.minimum) errors.push(`${path}: below minimum ${s.minimum}`);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const obj = value as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${path}: missing required ${r}`);
      for (const [k, v] of Object.entries(obj)) {
        if (k in props) errors.push(...validate(props[k]!, v, `${path}.${k}`));
        else if (s.additionalProperties !== undefined && !(flattened && s.additionalProperties === false))
          errors.push(...validate(s.additionalProperties as Schema, v, `${path}.${k}`).map((e) => (s.additionalProperties === false ? `${path}: unknown property ${k}` : e)));
        if (s.propertyNames !== undefined) errors.push(...validate(s.propertyNames as Schema, k, `${path}[key ${k}]`));
      }
    }
    if (Array.isArray(value)) {
      const prefix = (s.prefixItems as Schema[] | undefined) ?? [];
      value.forEach((item, i) => {
        if (i < prefix.length) errors.push(...validate(prefix[i]!, item, `${path}[${i}]`));
        else if (s.items !== undefined) errors.push(...validate(s.items as Schema, item, `${path}[${i}]`));
      });
      if (s.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${path}: items not unique`);
    }
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) errors.push(...validate(sub, value, path, true));
    if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((sub) => validate(sub, value, path, flattened).length === 0))
      errors.push(`${path}: matches none of anyOf`);
    if (Array.isArray(s.oneOf)) {
      const results = (s.oneOf as Schema[]).map((sub) => validate(sub, value, path, flattened));
      const matches = results.filter((r) => r.length === 0).length;
      if (matches !== 1) errors.push(`${path}: matches ${matches} of oneOf (${results.flat().slice(0, 3).join("; ")})`);
    }
    return errors;
  };
  return { validate: (schema, value, path) => validate(schema, value, path), resolve };
}
