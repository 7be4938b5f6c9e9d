import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, PASSWORD, signInWithPassword, unique } from "../support";

// Eight bytes of PNG signature and an IHDR chunk header: the server types files by their bytes.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

test.describe("organisations", () => {
  test("a firm submits its business licence and a platform admin verifies it", async ({ page, browser }) => {
    await signInWithPassword(page, "yarn@demo.fanglian.local", DEMO_PASSWORD);
    await page.waitForURL("**/my/organization");
    await page.getByTestId("license-file").setInputFiles({ name: "营业执照.png", mimeType: "image/png", buffer: PNG });
    await page.getByTestId("license-submit").click();
    await expect(page.getByTestId("license-submitted")).toBeVisible();
    const publicUrl = await page.getByTestId("public-page-link").getAttribute("href");

    const admin = await (await browser.newContext()).newPage();
    await signInWithPassword(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL((u) => !u.pathname.startsWith("/signin"));
    await admin.goto("/admin");
    const card = admin.getByTestId("pending-organization").filter({ hasText: "夏津棉纺示范有限公司" });
    await expect(card).toBeVisible();
    await card.getByTestId("verify-organization").click();
    await expect(card).toHaveCount(0);

    await page.goto(publicUrl!);
    await expect(page.getByTestId("verified-badge")).toBeVisible();
  });

  test("an owner invites a colleague, who joins; once removed, the colleague loses access at once", async ({ page, browser }) => {
    await signInWithPassword(page, "hometex@demo.fanglian.local", DEMO_PASSWORD);
    await page.waitForURL("**/my/organization");
    const email = `${unique("staff")}@example.com`;
    await page.getByTestId("invite-email").fill(email);
    await page.getByTestId("invite-submit").click();
    const link = await page.getByTestId("invite-link").inputValue();
    expect(link).toContain("/invite/");

    const colleague = await (await browser.newContext()).newPage();
    await colleague.goto(new URL(link).pathname);
    await colleague.getByTestId("invite-signup").click();
    await colleague.getByLabel("您的姓名").fill("孙同事");
    await colleague.getByLabel("密码").fill(PASSWORD);
    await colleague.getByTestId("accept-privacy").check();
    await colleague.getByRole("button", { name: "注册", exact: true }).click();
    await colleague.waitForURL("**/my/organization");
    await expect(colleague.getByTestId("my-org-name")).toContainText("高密家纺示范有限公司");

    await page.reload();
    const row = page.getByTestId("member-row").filter({ hasText: email });
    await row.getByTestId("remove-member").click();
    await row.getByTestId("confirm-remove-member").click();
    await expect(page.getByTestId("member-row").filter({ hasText: email })).toHaveCount(0);

    // Same session cookie, next request: the membership is read from the database again.
    await colleague.reload();
    await expect(colleague.getByTestId("create-organization-link")).toBeVisible();
    await expect(colleague.getByText("高密家纺示范有限公司")).toHaveCount(0);
  });
});
