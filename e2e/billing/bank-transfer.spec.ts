import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, signInWithPassword, unique } from "../support";

test.describe("bank transfer (对公转账) and 发票", () => {
  test("a firm orders SME Pro for 3 months, an admin confirms the receipt, the firm requests a 普票 and the admin issues it", async ({ page, browser }) => {
    await signInWithPassword(page, "yarn@demo.fanglian.local", DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    await page.goto("/billing");
    // Without Stripe the page points to the bank transfer instead of contradicting it.
    await expect(page.getByTestId("payments-off")).toContainText("对公转账");
    const section = page.getByTestId("bank-transfer");
    await expect(section.getByRole("heading", { name: "对公转账" })).toBeVisible();
    await section.getByTestId("transfer-plan").selectOption("sme_pro");
    await section.getByTestId("transfer-months-3").check();
    await expect(section.getByTestId("transfer-total")).toHaveText("¥2,040.00");
    await section.getByTestId("transfer-submit").click();

    const reference = section.getByTestId("transfer-reference");
    await expect(reference).toHaveText(/^FL-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const ref = (await reference.textContent())!.trim();
    await expect(section.getByTestId("transfer-accountName")).toHaveText("纺链（山东）信息科技有限公司");
    await expect(section.getByTestId("transfer-bankName")).toHaveText("中国工商银行青岛市南支行");
    await expect(section.getByTestId("transfer-account")).toHaveText(/^\d{4}( \d{1,4})+$/);
    await expect(section.getByTestId("transfer-amount")).toHaveText("¥2,040.00");
    await expect(section.getByTestId("transfer-demo")).toContainText("演示数据");
    await expect(section).toContainText("转账时请在附言/用途中填写付款编号");
    await expect(section.getByRole("button", { name: "复制付款编号" })).toBeVisible();

    const admin = await (await browser.newContext()).newPage();
    await signInWithPassword(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL((u) => !u.pathname.startsWith("/signin"));
    await admin.goto("/admin");
    await admin.getByRole("link", { name: "对公转账" }).click();
    await admin.waitForURL((u) => u.pathname === "/admin/bank-transfers");
    const row = admin.locator(`[data-testid="admin-transfer"][data-reference="${ref}"]`);
    await expect(row).toContainText("¥2,040.00");
    await row.getByTestId("confirm-transfer-open").click();
    const dialog = admin.getByRole("dialog");
    await expect(dialog).toContainText(ref);
    await expect(dialog).toContainText("¥2,040.00");
    await dialog.getByTestId("confirm-transfer-submit").click();
    await expect(admin.getByText(`${ref} 已确认到账，套餐已开通。`)).toBeVisible();
    await expect(row).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId("billing-plan")).toHaveText("中小企业专业版");
    const order = section.locator(`[data-testid="transfer-order"][data-reference="${ref}"]`);
    await expect(order.getByTestId("transfer-status")).toHaveText("已到账");
    await order.getByTestId("invoice-open").click();
    const form = order.getByTestId("invoice-form");
    await expect(form.getByTestId("invoice-address-phone")).toHaveCount(0); // 专票 only
    const title = `夏津示范棉纺有限公司${unique("")}`;
    await form.getByTestId("invoice-title").fill(title);
    await form.getByTestId("invoice-tax-number").fill("12345");
    await form.getByTestId("invoice-email").fill("finance@example.com");
    await form.getByTestId("invoice-submit").click();
    await expect(form.getByText("纳税人识别号应为 15、18 或 20 位数字或大写字母")).toBeVisible();
    await form.getByTestId("invoice-tax-number").fill("370200123456789");
    await form.getByTestId("invoice-submit").click();
    await expect(order.getByTestId("invoice-status")).toContainText("申请中");

    await admin.reload();
    const request = admin.locator(`[data-testid="admin-invoice"][data-reference="${ref}"]`);
    await expect(request).toContainText(title);
    await expect(request).toContainText("增值税普通发票（普票）");
    await request.getByTestId("issue-invoice-open").click();
    await admin.getByRole("dialog").getByTestId("invoice-number").fill("24372000000012345678");
    await admin.getByRole("dialog").getByTestId("issue-invoice-submit").click();
    await expect(request).toHaveCount(0);

    await page.reload();
    await expect(order.getByTestId("invoice-status")).toContainText("已开具");
    await expect(order.getByTestId("invoice-status")).toContainText("24372000000012345678");
  });
});
