import type { UploadPurpose } from "@/domain/file-types";

export type UploadResult = { ok: true; id: string } | { ok: false; key: string; params?: Record<string, string | number> };

/** Sends a file to /api/uploads; the server types it by its bytes and answers its id or a translated refusal. */
export async function uploadFile(file: File, purpose: UploadPurpose): Promise<UploadResult> {
  const body = new FormData();
  body.set("file", file);
  body.set("purpose", purpose);
  const res = await fetch("/api/uploads", { method: "POST", body }).catch(() => null);
  if (!res) return { ok: false, key: "errors.network" };
  const json = (await res.json().catch(() => null)) as { id?: string; messageKey?: string; params?: Record<string, string | number> } | null;
  if (!res.ok || !json?.id) return { ok: false, key: json?.messageKey ?? "errors.internal", params: json?.params };
  return { ok: true, id: json.id };
}
