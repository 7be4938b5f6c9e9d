import { env } from "@/env";
import { uuidSchema } from "@/domain/schemas/common";
import { notFound } from "@/server/errors";
import { errorResponse } from "@/server/http";
import { getRequestContext } from "@/server/viewer";
import { openUpload } from "@/server/services/files";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = uuidSchema.safeParse((await params).id);
    if (!id.success) throw notFound("fileNotFound");
    const ctx = await getRequestContext();
    const { file, bytes } = await openUpload({ ctx, uploadDir: env.UPLOAD_DIR, id: id.data });
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": file.mime,
        "content-length": String(file.size),
        "cache-control": ctx.actor ? "private, max-age=3600" : "public, max-age=3600",
        "x-content-type-options": "nosniff",
        "content-disposition": "inline",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
