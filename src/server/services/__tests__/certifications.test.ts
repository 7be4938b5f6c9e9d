import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isCertificateValid } from "@/domain/certificates";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember } from "@/test/factories";
import { auditLog, files, memberships, users } from "../../db/schema";

const NOW = new Date("2026-03-10T04:00:00Z");

describe("isCertificateValid", () => {
  it("counts certificates in their dates unless rejected", () => {
    const c = { verificationState: "pending", validFrom: "2025-01-01", validTo: "2026-03-10" };
    expect(isCertificateValid(c, "2026-03-10")).toBe(true);
    expect(isCertificateValid(c, "2026-03-11")).toBe(false);
    expect(isCertificateValid(c, "2024-12-31")).toBe(false);
    expect(isCertificateValid({ ...c, verificationState: "rejected" }, "2025-06-01")).toBe(false);
    expect(isCertificateValid({ verificationState: "verified", validFrom: null, validTo: null }, "2026-01-01")).toBe(true);
  });
});

describeEachDb("certifications", (t) => {
  it("lets owners manage certificates with their own evidence; members may not; admins verify or reject", async () => {
    const m = await createMember(t.db);
    const other = await createMember(t.db);
    const c = await callerFor(t.db, m.userId, { now: NOW });
    const [evidence] = await t.db
      .insert(files)
      .values({ ownerUserId: m.userId, organizationId: m.organizationId, purpose: "certificate", mime: "application/pdf", size: 1, sha256: "x", storageKey: "e" })
      .returning();
    const [foreign] = await t.db
      .insert(files)
      .values({ ownerUserId: other.userId, organizationId: other.organizationId, purpose: "certificate", mime: "application/pdf", size: 1, sha256: "x", storageKey: "f" })
      .returning();
    await expect(c.certification.create({ schemeId: "gots", evidenceFileId: foreign!.id })).rejects.toMatchObject({ message: "certifications.errors.evidenceNotOwn" });
    const cert = await c.certification.create({ schemeId: "gots", number: "GOTS-123", validFrom: "2025-01-01", validTo: "2027-01-01", evidenceFileId: evidence!.id });
    expect(cert.verificationState).toBe("pending");
    await expect(c.certification.create({ schemeId: "gots", validTo: "2027-01-01" })).rejects.toMatchObject({ code: "CONFLICT", message: "certifications.errors.duplicate" });

    const member = await createMember(t.db);
    await t.db.insert(memberships).values({ organizationId: m.organizationId, userId: member.userId, role: "member" });
    await t.db.update(users).set({ activeOrganizationId: m.organizationId }).where(eq(users.id, member.userId));
    await expect((await callerFor(t.db, member.userId)).certification.create({ schemeId: "ocs" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const [admin] = await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, other.userId)).returning();
    const ac = await callerFor(t.db, admin!.id, { now: NOW });
    expect((await ac.certification.pending()).map((p) => p.id)).toContain(cert.id);
    await expect(c.certification.verify({ id: cert.id, decision: "verified" })).rejects.toBeInstanceOf(TRPCError);
    expect((await ac.certification.verify({ id: cert.id, decision: "verified" })).verificationState).toBe("verified");
    expect((await ac.certification.pending()).map((p) => p.id)).not.toContain(cert.id);

    // Editing sends it back to review.
    const edited = await c.certification.update({ id: cert.id, values: { schemeId: "gots", number: "GOTS-124", validFrom: "2025-01-01", validTo: "2027-01-01", evidenceFileId: evidence!.id } });
    expect(edited.verificationState).toBe("pending");
    await ac.certification.verify({ id: cert.id, decision: "rejected", note: "证书号不符" });
    const listed = await (await callerFor(t.db, null, { now: NOW })).certification.byOrganization({ organizationId: m.organizationId });
    expect(listed.map((x) => [x.schemeId, x.status])).toEqual([["gots", "rejected"]]);
    expect(JSON.stringify(listed)).not.toContain(evidence!.id);

    const expired = await c.certification.create({ schemeId: "oeko_tex_100", validTo: "2026-03-09" });
    expect((await c.certification.mine()).find((x) => x.id === expired.id)!.status).toBe("expired");

    await c.certification.remove({ id: expired.id });
    expect((await c.certification.mine()).map((x) => x.id)).toEqual([cert.id]);
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.organizationId, m.organizationId))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["certification.created", "certification.verified", "certification.updated", "certification.rejected", "certification.deleted"]));
  });
});
