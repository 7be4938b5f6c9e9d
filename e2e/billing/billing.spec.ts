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
});
