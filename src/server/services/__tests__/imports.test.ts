import { and, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { randomValidUscc } from "@/domain/uscc";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, uniq } from "@/test/factories";
import { auditLog, certifications, importJobs, listingCertifications, listings, memberships, organizations, sites, users } from "../../db/schema";
import { importListingsFile } from "../imports";

const HEADER = "ref,company_name,company_uscc,city_adcode,address,chain_link,processes,title,capacity_value,capacity_unit,certifications";
interface Row {
  ref: string;
  name: string;
  uscc?: string;
  city?: string;
  address?: string;
  process?: string;
  title?: string;
  capacity?: string;
  certs?: string;
}
const line = (r: Row) =>
  [r.ref, r.name, r.uscc ?? "", r.city ?? "370200", r.address ?? "", "spinning", r.process ?? "ring_combed", r.title ?? "精梳棉纱", r.capacity ?? "100", "吨/月", r.certs ?? ""].join(",");
const csv = (rows: Row[]) => new TextEncoder().encode(`${HEADER}\n${rows.map(line).join("\n")}\n`);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

describeEachDb("listings import", (t) => {
  it("creates, then leaves unchanged, then updates; rejected rows change nothing and are reported by line", async () => {
    const p = uniq("P");
    const uscc = randomValidUscc();
    const rows: Row[] = [
      { ref: `${p}-1`, name: `即墨${p}纺纱有限公司`, uscc, certs: "oeko_tex_100@2027-03-31" },
      { ref: `${p}-2`, name: `即墨${p}纺纱有限公司`, uscc, capacity: "-3" },
      { ref: `${p}-3`, name: `即墨${p}纺纱有限公司`, uscc, process: "cmt" },
    ];
    const first = await importListingsFile(t.db, { bytes: csv(rows), account: { kind: "platform" }, fileName: "a.csv" });
    expect(first).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(first.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, "capacity_value", "validation.positive"],
      [4, "processes", "validation.processOtherLink"],
    ]);
    const [stored] = await t.db.select().from(listings).where(and(eq(listings.refOwner, "platform"), eq(listings.ref, `${p}-1`)));
    expect(stored).toMatchObject({ status: "published", capacityValue: 100, capacityUnit: "t_per_month", chainLink: "spinning" });
    expect(await t.db.select().from(listings).where(eq(listings.ref, `${p}-2`))).toEqual([]);
    const [job] = await t.db.select().from(importJobs).where(eq(importJobs.id, first.jobId!));
    expect(job).toMatchObject({ format: "listings", fileName: "a.csv", created: 1, rejected: 2, organizationId: null });

    const again = await importListingsFile(t.db, { bytes: csv(rows), account: { kind: "platform" } });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: 2 });

    rows[0]!.capacity = "120";
    rows[1]!.capacity = "5";
    const third = await importListingsFile(t.db, { bytes: csv(rows), account: { kind: "platform" } });
    expect(third).toMatchObject({ created: 1, updated: 1, unchanged: 0, rejected: 1 });
    const [after] = await t.db.select().from(listings).where(eq(listings.id, stored!.id));
    expect(after).toMatchObject({ capacityValue: 120, version: 2 });
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "listing.imported"), eq(auditLog.organizationId, stored!.organizationId)))).toHaveLength(2);
  });

  it("groups rows into organisations by USCC, else by name and city; sites and certificates are shared and deduplicated", async () => {
    const p = uniq("G");
    const uscc = randomValidUscc();
    const name = `海阳${p}毛衫有限公司`;
    const report = await importListingsFile(t.db, {
      bytes: csv([
        { ref: `${p}-1`, name: `${p}甲`, uscc, address: "一号路", certs: "oeko_tex_100@2027-03-31|gots" },
        { ref: `${p}-2`, name: `${p}乙`, uscc, address: "一号路", certs: "oeko_tex_100@2027-03-31" },
        { ref: `${p}-3`, name: `${p}乙`, uscc, address: "二号路", certs: "oeko_tex_100@2028-03-31" },
        { ref: `${p}-4`, name, city: "370687" },
        { ref: `${p}-5`, name: ` ${name}`, city: "海阳" },
        { ref: `${p}-6`, name, city: "370200" },
      ]),
      account: { kind: "platform" },
    });
    expect(report).toMatchObject({ created: 6, rejected: 0 });
    expect(report.warnings).toEqual([expect.objectContaining({ line: 3, column: "company_name", code: "imports.reasons.companyConflict" })]);
    const orgsByUscc = await t.db.select().from(organizations).where(eq(organizations.uscc, uscc));
    expect(orgsByUscc).toHaveLength(1);
    expect(orgsByUscc[0]!.nameZh).toBe(`${p}乙`); // the last row wins
    const byName = await t.db.select().from(organizations).where(eq(organizations.nameZh, name));
    expect(byName.map((o) => o.cityAdcode).sort()).toEqual(["370200", "370600"]);

    const orgId = orgsByUscc[0]!.id;
    expect(await t.db.select().from(sites).where(eq(sites.organizationId, orgId))).toHaveLength(2);
    const certs = await t.db.select().from(certifications).where(eq(certifications.organizationId, orgId));
    expect(certs.map((c) => `${c.schemeId}@${c.validTo ?? ""}`).sort()).toEqual(["gots@", "oeko_tex_100@2027-03-31", "oeko_tex_100@2028-03-31"]);
    const ids = report.rows.filter((r) => r.ref.startsWith(p)).map((r) => r.listingId!);
    const links = await t.db.select().from(listingCertifications).where(inArray(listingCertifications.listingId, ids));
    expect(links).toHaveLength(4);

    // The same file again: nothing changes, no certificate or site is added.
    const again = await importListingsFile(t.db, {
      bytes: csv([
        { ref: `${p}-1`, name: `${p}甲`, uscc, address: "一号路", certs: "oeko_tex_100@2027-03-31|gots" },
        { ref: `${p}-2`, name: `${p}乙`, uscc, address: "一号路", certs: "oeko_tex_100@2027-03-31" },
        { ref: `${p}-3`, name: `${p}乙`, uscc, address: "二号路", certs: "oeko_tex_100@2028-03-31" },
      ]),
      account: { kind: "platform" },
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await t.db.select().from(certifications).where(eq(certifications.organizationId, orgId))).toHaveLength(3);
    expect(await t.db.select().from(sites).where(eq(sites.organizationId, orgId))).toHaveLength(2);
  });

  it("scopes refs to the importing account; an organisation imports only its own listings", async () => {
    const a = await createMember(t.db);
    const b = await createMember(t.db);
    const [orgA] = await t.db.select().from(organizations).where(eq(organizations.id, a.organizationId));
    const [orgB] = await t.db.select().from(organizations).where(eq(organizations.id, b.organizationId));
    const ref = uniq("R");
    const callerA = await callerFor(t.db, a.userId);
    const callerB = await callerFor(t.db, b.userId);
    const fileA = csv([
      { ref, name: orgA!.nameZh, uscc: orgA!.uscc! },
      { ref: `${ref}-x`, name: orgB!.nameZh, uscc: orgB!.uscc! },
      { ref: `${ref}-y`, name: orgA!.nameZh },
    ]);
    const ra = await callerA.imports.run({ fileName: "a.csv", contentBase64: b64(fileA) });
    expect(ra).toMatchObject({ created: 2, rejected: 1 });
    expect(ra.errors).toEqual([expect.objectContaining({ line: 3, column: "company_uscc", code: "imports.reasons.notOwnOrganization" })]);
    const rb = await callerB.imports.run({ contentBase64: b64(csv([{ ref, name: orgB!.nameZh, uscc: orgB!.uscc! }])) });
    expect(rb).toMatchObject({ created: 1 });
    const rows = await t.db.select().from(listings).where(eq(listings.ref, ref));
    expect(rows.map((r) => [r.refOwner, r.organizationId]).sort()).toEqual(
      [
        [`org:${a.organizationId}`, a.organizationId],
        [`org:${b.organizationId}`, b.organizationId],
      ].sort(),
    );
    // A's import never changed B's organisation, and A's profile is not rewritten by its rows.
    expect((await t.db.select().from(organizations).where(eq(organizations.id, b.organizationId)))[0]).toEqual(orgB);
    expect((await callerA.imports.jobs()).map((j) => j.fileName)).toContain("a.csv");
    expect(await callerB.imports.jobs()).toHaveLength(1);
  });

  it("lets a service centre onboard firms by import and update them, but not firms it did not onboard", async () => {
    const sc = await createMember(t.db, { type: "service_center" });
    const other = await createMember(t.db);
    const [otherOrg] = await t.db.select().from(organizations).where(eq(organizations.id, other.organizationId));
    const caller = await callerFor(t.db, sc.userId);
    const p = uniq("S");
    const uscc = randomValidUscc();
    const file = (title: string) =>
      csv([
        { ref: `${p}-1`, name: `高密${p}家纺有限公司`, uscc, title },
        { ref: `${p}-2`, name: otherOrg!.nameZh, uscc: otherOrg!.uscc! },
      ]);
    const first = await caller.imports.run({ contentBase64: b64(file("床品套件")) });
    expect(first).toMatchObject({ created: 1, rejected: 1 });
    expect(first.errors[0]).toMatchObject({ line: 3, code: "imports.reasons.foreignOrganization" });
    const [onboarded] = await t.db.select().from(organizations).where(eq(organizations.uscc, uscc));
    const [record] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "organization.imported"), eq(auditLog.entityId, onboarded!.id)));
    expect(record!.changes).toMatchObject({ importedBy: sc.organizationId });
    const second = await caller.imports.run({ contentBase64: b64(file("四件套")) });
    expect(second).toMatchObject({ created: 0, updated: 1, rejected: 1 });
    expect(await t.db.select().from(listings).where(eq(listings.organizationId, other.organizationId))).toEqual([]);
  });

  it("falls back to row-by-row writes when a batch fails, so the other rows still land", async () => {
    const p = uniq("F");
    const rows = Array.from({ length: 5 }, (_, i) => ({ ref: `${p}-${i}`, name: `德州${p}土工有限公司`, uscc: undefined }));
    const report = await importListingsFile(t.db, { bytes: csv(rows), account: { kind: "platform" }, batchSize: 2, failRefs: new Set([`${p}-3`]) });
    expect(report).toMatchObject({ created: 4, rejected: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ line: 5, code: "imports.reasons.writeFailed" })]);
    const stored = await t.db.select({ ref: listings.ref }).from(listings).where(eq(listings.refOwner, "platform"));
    expect(stored.map((s) => s.ref).filter((r) => r!.startsWith(p)).sort()).toEqual([`${p}-0`, `${p}-1`, `${p}-2`, `${p}-4`]);
  });

  it("previews without writing, and refuses an unreadable file whole with a translated reason", async () => {
    const m = await createMember(t.db);
    const caller = await callerFor(t.db, m.userId);
    const p = uniq("V");
    const preview = await caller.imports.preview({ contentBase64: b64(csv([{ ref: `${p}-1`, name: "某某公司", process: "warp_drive" }])) });
    expect(preview).toMatchObject({ encoding: "utf-8", totalRows: 1, valid: 0, columns: expect.arrayContaining(["ref", "capacity_unit"]) });
    expect(preview.sample[0]).toMatchObject({ line: 2 });
    expect(preview.errors[0]).toMatchObject({ line: 2, column: "processes", code: "validation.processUnknown" });
    expect(await t.db.select().from(listings).where(eq(listings.ref, `${p}-1`))).toEqual([]);
    await expect(caller.imports.run({ contentBase64: b64(new TextEncoder().encode("ref,title\nx,y\n")) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { messageKey: "imports.refused.missingColumns", params: { columns: expect.stringContaining("company_name") } },
    });
  });

  it("refuses plain members: only owners and admins import", async () => {
    const owner = await createMember(t.db);
    const other = await createMember(t.db);
    await t.db.insert(memberships).values({ organizationId: owner.organizationId, userId: other.userId, role: "member" });
    await t.db.update(users).set({ activeOrganizationId: owner.organizationId }).where(eq(users.id, other.userId));
    const caller = await callerFor(t.db, other.userId);
    const file = b64(csv([{ ref: uniq("M"), name: "某某纺织有限公司" }]));
    await expect(caller.imports.run({ contentBase64: file })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.imports.preview({ contentBase64: file })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.imports.jobs()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
