import { z } from "zod";
import { env } from "@/env";
import { uploadPurposes } from "@/domain/file-types";
import { DomainError } from "@/server/errors";
import { errorResponse, requireAuthedContext } from "@/server/http";
import { storeUpload } from "@/server/services/files";

export const dynamic = "force-dynamic";

const purposeSchema = z.enum(uploadPurposes);

/** multipart/form-data with `file` and `purpose`; answers `{ id, mime, size }`. */
export async function POST(req: Request) {
  try {
    const ctx = await requireAuthedContext();
    const form = await req.formData().catch(() => null);
    const file = form?.get("file");
    const purpose = purposeSchema.safeParse(form?.get("purpose"));
    if (!(file instanceof File) || !purpose.success) throw new DomainError("INVALID", "errors.invalidInput", {}, "file");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const stored = await storeUpload({ ctx, uploadDir: env.UPLOAD_DIR, input: { purpose: purpose.data, bytes, originalName: file.name } });
    return Response.json(stored, { status: 201 });
  } catch (e) {
    return errorResponse(e);
  }
}
