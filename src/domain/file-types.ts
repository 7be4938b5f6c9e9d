/** File types recognised by their first bytes, never by the name or the browser's claim. */
export type SniffedType = "image/jpeg" | "image/png" | "image/webp" | "application/pdf" | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function sniffType(bytes: Uint8Array): SniffedType | null {
  const starts = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  // XLSX is a ZIP; the caller that accepts spreadsheets checks the ZIP's content further.
  if (starts([0x50, 0x4b, 0x03, 0x04])) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return null;
}

export const uploadRules = {
  business_license: { types: ["image/jpeg", "image/png", "image/webp"] as SniffedType[], maxBytes: 5 * 1024 * 1024 },
  photo: { types: ["image/jpeg", "image/png", "image/webp"] as SniffedType[], maxBytes: 5 * 1024 * 1024 },
  certificate: { types: ["image/jpeg", "image/png", "image/webp", "application/pdf"] as SniffedType[], maxBytes: 5 * 1024 * 1024 },
  attachment: {
    types: ["image/jpeg", "image/png", "image/webp", "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] as SniffedType[],
    maxBytes: 20 * 1024 * 1024,
  },
} as const;
export type UploadPurpose = keyof typeof uploadRules;
export const uploadPurposes = Object.keys(uploadRules) as [UploadPurpose, ...UploadPurpose[]];

export const extensionOf: Record<SniffedType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};
