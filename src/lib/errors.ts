import { TRPCClientError } from "@trpc/client";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export interface ErrorInfo {
  /** i18n key of the overall message, e.g. "errors.emailTaken" */
  key: string;
  params: Record<string, string | number>;
  /** field → i18n key */
  fields: Record<string, string>;
}

/** Reads the translated-message keys the server attached to a tRPC error (see api/trpc.ts). */
export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof TRPCClientError) {
    const data = e.data as
      | { messageKey?: string | null; params?: Record<string, string | number>; field?: string | null; fieldIssues?: Array<{ path: string; messageKey: string }> | null }
      | undefined;
    const fields: Record<string, string> = {};
    for (const issue of data?.fieldIssues ?? []) fields[issue.path] ??= issue.messageKey;
    if (data?.field && data.messageKey) fields[data.field] = data.messageKey;
    return { key: data?.messageKey ?? (data ? "errors.internal" : "errors.network"), params: data?.params ?? {}, fields };
  }
  return { key: "errors.internal", params: {}, fields: {} };
}

/** Puts the server's field errors next to the fields of a react-hook-form form. */
export function applyServerErrors<T extends FieldValues>(info: ErrorInfo, setError: UseFormSetError<T>, prefix = ""): void {
  for (const [path, key] of Object.entries(info.fields)) {
    const local = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    setError(local as Path<T>, { type: "server", message: key });
  }
}
