import { expect, test } from "@playwright/test";

// The demo market (seeded by the e2e server) has firms, listings and open demands in Qingdao.
test("a city page shows its live figures: totals, a table by chain link linking to the boards, and deals per month", async ({ page }) => {
  await page.goto("/clusters/370200");
  const live = page.getByTestId("city-live-figures");
  await expect(live.getByRole("heading", { name: "平台实时数据" })).toBeVisible();
  expect(Number(await page.getByTestId("city-firm-count").getAttribute("data-count"))).toBeGreaterThan(0);
  expect(Number(await page.getByTestId("live-listings").innerText())).toBeGreaterThan(0);

  const byLink = page.getByRole("table", { name: /青岛市各产业链环节/ });
  await expect(byLink.locator("tbody tr").first()).toBeVisible();
  // Six complete months, each with its figures or the "fewer than 3" note.
  await expect(page.getByRole("table", { name: /青岛市最近 6 个完整月份/ }).locator("tbody tr")).toHaveCount(6);
  await expect(page.getByTestId("county-figures").first()).toBeVisible();

  await page.getByTestId("live-openDemands").getByRole("link").click();
  await page.waitForURL((u) => u.pathname === "/demands" && u.searchParams.get("city") === "370200");
});

test("the clusters index gives each city a few live figures", async ({ page }) => {
  await page.goto("/clusters");
  await expect(page.getByTestId("city-card-figures")).toHaveCount(16);
  const qingdaoFirms = page.locator('[data-testid="city-card-figures"][aria-label="青岛市平台数据"] dd').first();
  expect(Number(await qingdaoFirms.innerText())).toBeGreaterThan(0);
});
