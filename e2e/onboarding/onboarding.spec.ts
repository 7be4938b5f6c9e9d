import { expect, test, type Page } from "@playwright/test";
import { randomValidUscc } from "../../src/domain/uscc";
import { ADMIN, DEMO_PASSWORD, PASSWORD, signInWithPassword, unique } from "../support";

// A 1×1 PNG: the upload is typed by its bytes.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** A trade name of letters only (digits would make two names differ "by a digit"). */
const tradeName = (prefix: string) => unique(prefix).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);

/**
 * A small Open Supply Hub list for Jimo: two new firms (one geocoded to Qinghai, which is flagged and
 * not kept) and a planted near-duplicate of a demo firm already on the platform, a unit of
 * 即墨童装示范服饰有限公司, which waits for review.
 */
function jimoList() {
  const a = `Qingdao ${tradeName("Zy")} Knitting Co Ltd`;
  const b = `Qingdao ${tradeName("Hy")} Garment Co Ltd`;
  const unit = 2 + Math.floor(Math.random() * 900);
  const csv = [
    "country,name,address,sector,lat,lng",
    `China,${a},"No. 18 Huashan Road, Jimo, Qingdao, 266200, Shandong",Apparel,36.3894,120.4471`,
    `China,${b},"No. 6 Lanao Road, Jimo, Qingdao, 266200, Shandong",Apparel,36.599744,101.803717`,
    `China,Jimo Kidswear Demo Apparel Co Ltd Unit ${unit},"No. 8 Heshan Road, Jimo, Qingdao, 266200, Shandong",Apparel,36.39,120.45`,
  ].join("\n");
  return { a, b, dup: `Jimo Kidswear Demo Apparel Co Ltd Unit ${unit}`, csv };
}

/** A new account with a firm of its own (sign-up needs one), over the API. */
async function signUpFirm(page: Page): Promise<string> {
  const email = `${unique("claimant")}@e2e.example.com`;
  const organization = { type: "sme", nameZh: `认领测试纺织有限公司${unique("")}`, provinceAdcode: "370000", cityAdcode: "370200" };
  const res = await page.request.post("/api/trpc/account.signUp", { data: { json: { method: "email", name: "认领测试", email, password: PASSWORD, acceptPrivacy: true, organization } } });
  expect(res.ok(), await res.text()).toBe(true);
  return email;
}

async function jimoFirmCount(page: Page): Promise<number> {
  await page.goto("/clusters/370200");
  return Number(await page.getByTestId("city-firm-count").getAttribute("data-count"));
}

test("a service centre imports a facility list, resolves the queued pair, and the cluster page counts the new firms", async ({ page }) => {
  const list = jimoList();
  await signInWithPassword(page, "cluster@demo.fanglian.local", DEMO_PASSWORD);
  await page.waitForURL("**/my/organization");
  const before = await jimoFirmCount(page);

  await page.goto("/my/import");
  await page.getByTestId("import-format-osh").click();
  await page.waitForURL("**/my/import?format=osh");
  await page.getByTestId("osh-file").setInputFiles({ name: "jimo.csv", mimeType: "text/csv", buffer: Buffer.from(list.csv, "utf8") });
  await expect(page.getByTestId("osh-row-count")).toContainText("3");
  await page.getByTestId("osh-run").click();
  const report = page.getByTestId("osh-report");
  await expect(report).toBeVisible();
  await expect(page.getByTestId("osh-count-created")).toHaveText("2");
  await expect(page.getByTestId("osh-count-review")).toHaveText("1");
  await expect(page.getByTestId("osh-count-flagged")).toHaveText("1");
  await expect(page.locator('[data-testid="osh-row"][data-line="3"]')).toContainText("坐标不在所填省份内");
  await expect(page.locator('[data-testid="osh-row"][data-line="4"]')).toHaveAttribute("data-outcome", "review");
  expect(await jimoFirmCount(page)).toBe(before + 2);

  // The review queue: the list's row beside the demo firm, kept apart.
  await page.goto("/my/import?format=osh");
  await page.getByTestId("review-queue-link").click();
  await page.waitForURL("**/my/import/review");
  const item = page.getByTestId("review-item").filter({ hasText: list.dup });
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId("review-incoming")).toContainText(list.dup);
  await expect(item.getByTestId("review-candidate")).toContainText("即墨童装示范服饰有限公司");
  await expect(item.getByTestId("review-candidate")).toContainText("已认领");
  await expect(item).toContainText("其中一方为分厂或分公司");
  await item.getByTestId("review-keep-apart").click();
  await expect(page.getByTestId("review-status")).toContainText(`已新建企业“${list.dup}”`);
  await expect(page.getByTestId("review-item").filter({ hasText: list.dup })).toHaveCount(0);

  expect(await jimoFirmCount(page)).toBe(before + 3);
});

test("a firm claims the profile an import created and a platform admin approves it", async ({ browser, page }) => {
  const list = jimoList();
  await signInWithPassword(page, "cluster@demo.fanglian.local", DEMO_PASSWORD);
  await page.waitForURL("**/my/organization");
  await page.goto("/my/import?format=osh");
  await page.getByTestId("osh-file").setInputFiles({ name: "claim.csv", mimeType: "text/csv", buffer: Buffer.from(list.csv, "utf8") });
  await page.getByTestId("osh-run").click();
  await page.locator('[data-testid="osh-row"][data-line="2"]').getByRole("link", { name: list.a }).click();
  await page.waitForURL("**/org/**");
  const firmUrl = page.url();

  // Someone from the firm signs up and claims it with the licence and its USCC.
  const firm = await browser.newContext();
  const owner = await firm.newPage();
  await signInWithPassword(owner, await signUpFirm(owner), PASSWORD);
  await owner.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await owner.goto(firmUrl);
  await owner.getByTestId("claim-open").click();
  await owner.getByTestId("claim-licence").setInputFiles({ name: "licence.png", mimeType: "image/png", buffer: PNG });
  await owner.getByTestId("claim-uscc").fill(randomValidUscc());
  await owner.getByTestId("claim-submit").click();
  await expect(owner.getByTestId("claim-submitted")).toBeVisible();
  await owner.reload();
  await expect(owner.getByTestId("claim-pending")).toBeVisible();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInWithPassword(admin, ADMIN.email, ADMIN.password);
  await admin.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await admin.goto("/admin/claims");
  const claim = admin.getByTestId("pending-claim").filter({ hasText: list.a });
  await expect(claim).toHaveCount(1);
  await claim.getByTestId("approve-claim").click();
  await expect(admin.getByText(`已通过对“${list.a}”的认领。`)).toBeVisible();

  // The firm has an owner now: nobody is offered the claim any more.
  await owner.reload();
  await expect(owner.getByTestId("claim-card")).toHaveCount(0);
  await firm.close();
  await adminContext.close();
});
