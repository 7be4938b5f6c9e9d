import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, signInWithPassword } from "../support";

test.describe("billing without Stripe", () => {
  test("a firm sees its plan and usage; a platform admin revokes and grants plans", async ({ page, browser }) => {
    await signInWithPassword(page, "cluster@demo.fanglian.local", DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    await page.goto("/billing");
    await expect(page.getByTestId("billing-plan")).toHaveText("服务中心版");
    await expect(page.getByTestId("payments-off")).toContainText("请联系平台管理员开通");
    await expect(page.getByTestId("usage-openDemands")).toContainText("0 / 20");

    const admin = await (await browser.newContext()).newPage();
    await signInWithPassword(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL((u) => !u.pathname.startsWith("/signin"));
    await admin.goto("/admin/billing");
    const row = admin.getByTestId("plan-row").filter({ hasText: "即墨纺织服装产业集群服务中心（示范）" });
    const organizationId = await row.getAttribute("data-organization-id");
    await row.getByRole("button", { name: "撤销" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "已撤销" })).toBeVisible();
    await expect(row.getByRole("button", { name: "撤销" })).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId("billing-plan")).toHaveText("免费版");
    await expect(page.getByTestId("usage-openDemands")).toContainText("0 / 3");

    await admin.getByTestId("grant-organization").fill(organizationId!);
    await admin.getByTestId("grant-plan").selectOption("service_centre");
    await admin.getByTestId("grant-submit").click();
    await expect(admin.getByRole("status").filter({ hasText: "已开通" })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("billing-plan")).toHaveText("服务中心版");
  });

  test("the user menu's 会员套餐 link reaches /billing, which says online payment is off and offers no Checkout", async ({ page }) => {
    await signInWithPassword(page, "kids@demo.fanglian.local", DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "会员套餐" }).click();
    await page.waitForURL((u) => u.pathname === "/billing");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("会员与套餐");
    await expect(page.getByTestId("payments-off")).toContainText("暂未开通在线支付");
    await expect(page.getByTestId("plan-chooser")).toHaveCount(0);
    await expect(page.getByTestId("invoices")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "银行卡/Stripe 支付" })).toHaveCount(0);
  });
});
