"use client";

import { useTranslations } from "next-intl";
import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { Label } from "./input";

/**
 * Label, control, hint and translated error, wired together for screen readers: the control gets
 * an id, aria-invalid and aria-describedby pointing at the hint and the error.
 */
export function Field({
  label,
  error,
  hint,
  required,
  children,
}: {
  label: ReactNode;
  /** an i18n key such as "validation.email" */
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: ReactElement<Record<string, unknown>>;
}) {
  const t = useTranslations();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, "aria-required": required || undefined })
    : children;
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true" className="ml-0.5 text-destructive">*</span> : null}
      </Label>
      {control}
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-destructive" data-testid="field-error">
          {translateKey(t, error)}
        </p>
      ) : null}
    </div>
  );
}

/** Translates a message key if it is one; a server might send plain text in an emergency. */
export function translateKey(t: ReturnType<typeof useTranslations>, key: string, params?: Record<string, string | number>): string {
  return t.has(key) ? t(key, params) : key;
}
