import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, arrayContains, eq } from "drizzle-orm";
import { extensionOf, sniffType, uploadRules, type UploadPurpose } from "@/domain/file-types";
import { files, listings, memberships } from "../db/schema";
import { invalid, notFound } from "../errors";
import type { AuthedContext, ServiceContext } from "./context";
import { threadAttachmentReadable } from "./inquiry-access";

/**
 * Stores an upload under `uploadDir` and records it. The type is read from the bytes; the file is
 * written first and removed again if the row cannot be written, so neither is left half-done.
 */
export async function storeUpload({
  ctx,
  uploadDir,
  input,
}: {
  ctx: AuthedContext;
  uploadDir: string;
  input: { purpose: UploadPurpose; bytes: Uint8Array; originalName?: string };
}) {
  const rule = uploadRules[input.purpose];
  if (input.bytes.byteLength > rule.maxBytes) throw invalid("fileTooLarge", "file", { mb: rule.maxBytes / 1024 / 1024 });
  const mime = sniffType(input.bytes);
  if (!mime || !rule.types.includes(mime)) throw invalid("fileType", "file");
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const id = crypto.randomUUID();
  const month = new Date().toISOString().slice(0, 7);
  const storageKey = `${month}/${id}.${extensionOf[mime]}`;
  const target = path.join(uploadDir, storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, input.bytes, { flag: "wx" });
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(files)
        .values({
          id,
          ownerUserId: ctx.actor.userId,
          organizationId: ctx.membership?.organizationId ?? null,
          purpose: input.purpose,
          mime,
          size: input.bytes.byteLength,
          sha256,
          storageKey,
          originalName: input.originalName?.slice(0, 200) ?? null,
        })
        .returning({ id: files.id, mime: files.mime, size: files.size });
      return row!;
    });
  } catch (e) {
    await fs.rm(target, { force: true });
    throw e;
  }
}

/**
 * Who may read a file: anyone, for a photo of a published listing; otherwise the uploader, members
 * of the file's organisation and platform admins, and for an attachment posted in an inquiry's
 * messages or quotes, the members of the other side.
 */
export async function openUpload({ ctx, uploadDir, id }: { ctx: ServiceContext; uploadDir: string; id: string }) {
  const [file] = await ctx.db.select().from(files).where(eq(files.id, id));
  if (!file) throw notFound("fileNotFound");
  let allowed = false;
  if (file.purpose === "photo") {
    const [published] = await ctx.db
      .select({ id: listings.id })
      .from(listings)
      .where(and(eq(listings.status, "published"), arrayContains(listings.photoFileIds, [file.id])))
      .limit(1);
    allowed = Boolean(published);
  }
  if (!allowed && ctx.actor) allowed = ctx.actor.isPlatformAdmin || file.ownerUserId === ctx.actor.userId;
  if (!allowed && ctx.actor && file.organizationId) {
    const [m] = await ctx.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.organizationId, file.organizationId), eq(memberships.userId, ctx.actor.userId)));
    allowed = Boolean(m);
  }
  // The other side of an inquiry reads what was attached to its messages and quotes.
  if (!allowed && ctx.actor && file.purpose === "attachment") allowed = await threadAttachmentReadable(ctx.db, ctx.actor.userId, file);
  // Not found rather than forbidden: whether a file exists is itself private.
  if (!allowed) throw notFound("fileNotFound");
  const resolvedRoot = path.resolve(uploadDir);
  const full = path.resolve(resolvedRoot, file.storageKey);
  if (!full.startsWith(resolvedRoot + path.sep)) throw notFound("fileNotFound");
  return { file, bytes: await fs.readFile(full) };
}
