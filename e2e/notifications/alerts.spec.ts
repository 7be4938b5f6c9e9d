import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInWithPassword, unique } from "../support";

function dayFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("a demo SME hears about a new public demand that fits its listing (bell, centre, mark read)", async ({ browser }) => {
  const title = unique("求购气流纺棉纱 OE21S 牛仔布用 ");

  // The anchor firm posts a public demand for open-end cotton yarn, delivered to Dezhou.
  const anchor = await browser.newContext();
  const ap = await anchor.newPage();
  await signInWithPassword(ap, "anchor@demo.fanglian.local", DEMO_PASSWORD);
  await ap.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await ap.goto("/my/demands/new");
  await ap.getByTestId("demand-title-input").fill(title);
  await ap.getByTestId("demand-chain-link").selectOption("spinning");
  await ap.locator('[data-testid="demand-processes"] input[value="open_end_rotor"]').check();
  await ap.getByTestId("demand-quantity-value").fill("30");
  await ap.getByTestId("demand-quantity-unit").fill("吨");
  await ap.getByTestId("demand-deadline").fill(dayFromNow(14));
  await ap.getByTestId("demand-need-by").fill(dayFromNow(90));
  await ap.getByTestId("demand-city").selectOption("371400");
  await ap.getByTestId("demand-submit").click();
  await ap.waitForURL(/\/demands\/[0-9a-f-]{36}/);
  const demandPath = new URL(ap.url()).pathname;
  await anchor.close();

  // The Xiajin yarn mill (气流纺棉纱 C12S–21S) is told: the bell counts it, the centre lists it.
  const sme = await browser.newContext();
  const page = await sme.newPage();
  await signInWithPassword(page, "yarn@demo.fanglian.local", DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  const item = page.getByTestId("notification-item").filter({ hasText: title.trim() });
  await expect(async () => {
    await page.goto("/notifications");
    await expect(item).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(item).toContainText("气流纺棉纱");
  await expect(item).toContainText("%");
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAttribute("aria-label", /通知，\d+ 条未读/);
  await expect(page.getByTestId("notification-badge")).toBeVisible();

  // From the bell's menu: opening it goes to the demand and marks it read.
  await bell.click();
  const menuItem = page.getByTestId("notification-menu-item").filter({ hasText: title.trim() });
  await expect(menuItem).toBeVisible();
  await menuItem.click();
  await page.waitForURL(`**${demandPath}`);
  await page.goto("/notifications");
  await expect(item).toHaveAttribute("data-unread", "false");

  // Mark all read: the badge goes away; preferences are there per kind.
  await page.getByTestId("mark-all-read").click();
  await expect(page.getByTestId("unread-count")).toHaveText("没有未读通知");
  await page.reload();
  await expect(page.getByTestId("notification-badge")).toHaveCount(0);
  await expect(page.getByTestId("notification-bell")).toHaveAttribute("aria-label", "通知，没有未读");
  await expect(page.getByTestId("preference-demandFit-email")).toBeChecked();
  await page.getByTestId("preference-demandFit-email").uncheck();
  await expect(page.getByText("通知设置已保存")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("preference-demandFit-email")).not.toBeChecked();
  await sme.close();
});
