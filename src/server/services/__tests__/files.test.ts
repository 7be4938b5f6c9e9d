import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { createMember } from "@/test/factories";
import { createContext } from "../../api/trpc";
import { eq } from "drizzle-orm";
import { listings } from "../../db/schema";
import type { Db } from "../../db/types";
import { openUpload, storeUpload } from "../files";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

async function authed(db: Db, userId: string) {
  const ctx = await createContext({ db, userId, baseUrl: "http://localhost" });
  if (!ctx.actor) throw new Error("no actor");
  return { ...ctx, actor: ctx.actor };
}

describeEachDb("uploads", (t) => {
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-uploads-"));

  it("stores an image checked by its bytes and lets members, not strangers, read it", async () => {
    const owner = await createMember(t.db);
    const stranger = await createMember(t.db);
    const ctx = await authed(t.db, owner.userId);
    const stored = await storeUpload({ ctx, uploadDir, input: { purpose: "business_license", bytes: PNG, originalName: "licence.png" } });
    expect(stored).toMatchObject({ mime: "image/png", size: PNG.byteLength });
    const read = await openUpload({ ctx, uploadDir, id: stored.id });
    expect(Buffer.compare(read.bytes, Buffer.from(PNG))).toBe(0);
    await expect(openUpload({ ctx: await authed(t.db, stranger.userId), uploadDir, id: stored.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a file whose bytes are not an allowed type, whatever its name, and files over the limit", async () => {
    const owner = await createMember(t.db);
    const ctx = await authed(t.db, owner.userId);
    const before = fs.readdirSync(uploadDir, { recursive: true }).length;
    await expect(
      storeUpload({ ctx, uploadDir, input: { purpose: "business_license", bytes: new TextEncoder().encode("<html>not an image</html>"), originalName: "x.png" } }),
    ).rejects.toMatchObject({ messageKey: "errors.fileType" });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    await expect(storeUpload({ ctx, uploadDir, input: { purpose: "business_license", bytes: big } })).rejects.toMatchObject({
      messageKey: "errors.fileTooLarge",
      params: { mb: 5 },
    });
    expect(fs.readdirSync(uploadDir, { recursive: true }).length).toBe(before);
  });

  it("lets anyone see the photos of a published listing, and nobody else's", async () => {
    const owner = await createMember(t.db);
    const ctx = await authed(t.db, owner.userId);
    const photo = await storeUpload({ ctx, uploadDir, input: { purpose: "photo", bytes: PNG } });
    const [listing] = await t.db
      .insert(listings)
      .values({
        organizationId: owner.organizationId,
        chainLink: "spinning",
        title: "精梳棉纱",
        capacityValue: 100,
        capacityUnit: "t_per_month",
        capacityInputValue: 100,
        capacityInputUnit: "吨/月",
        photoFileIds: [photo.id],
        status: "draft",
      })
      .returning();
    const anonymous = await createContext({ db: t.db, userId: null, baseUrl: "http://localhost" });
    await expect(openUpload({ ctx: anonymous, uploadDir, id: photo.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await t.db.update(listings).set({ status: "published" }).where(eq(listings.id, listing!.id));
    const read = await openUpload({ ctx: anonymous, uploadDir, id: photo.id });
    expect(read.file.mime).toBe("image/png");
  });
});
