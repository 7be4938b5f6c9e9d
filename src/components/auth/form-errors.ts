import { get, type FieldErrors, type FieldValues } from "react-hook-form";

/** The error message (an i18n key) at a dotted path of a react-hook-form errors object. */
export function errorAt<T extends FieldValues>(errors: FieldErrors<T>, path: string): string | undefined {
  const message: unknown = (get(errors, path) as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : undefined;
}
