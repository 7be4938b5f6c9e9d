import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, signInWithPassword, unique } from "../support";

const ANCHOR = "anchor@demo.fanglian.local";
const CENTRE = "cluster@demo.fanglian.local";
const HOMETEX = "hometex@demo.fanglian.local";
const HOMETEX_NAME = "高密家纺示范有限公司";

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function signedIn(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, email, password);
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  return page;
}

/**
 * Issue 6: the demo service centre introduces the home-textiles SME to the anchor's new public
 * demand with a note, finds it under 我的引荐, and reads its city's analytics with CSV and Excel
 * downloads; a platform admin gets the province with a city filter; a firm is turned away.
 */
test("a service centre introduces a supplier and reads its cluster's analytics", async ({ browser }) => {
  test.setTimeout(180_000);
  const title = unique("求购提花毛巾 ");
  const buyer = await signedIn(browser, ANCHOR);
  const created = await buyer.request.post("/api/trpc/demand.create", {
    data: { json: { title, chainLink: "home_textiles", processes: ["towels"], quantityValue: 20000, quantityUnit: "件", needBy: dayFromNow(60), quoteDeadline: dayFromNow(14), deliverCityAdcode: "370200", visibility: "public" } },
  });
  expect(created.ok()).toBe(true);
  const demandId = (await created.json()).result.data.json.id as string;

  const centre = await signedIn(browser, CENTRE);
  await centre.goto(`/demands/${demandId}`);
  const card = centre.getByTestId("introduce-supplier-card");
  await expect(card.getByRole("heading", { name: "引荐供应商" })).toBeVisible();
  // Without a choice and a note the form says what is missing.
  await card.getByTestId("introduce-submit").click();
  await expect(card.getByTestId("field-error")).toHaveCount(2);
  const option = card.getByTestId("introduce-supplier").locator("option", { hasText: HOMETEX_NAME }).first();
  await card.getByTestId("introduce-supplier").selectOption(await option.getAttribute("value"));
  await card.getByLabel("引荐说明").fill("高密本地毛巾厂，交期稳定");
  await card.getByTestId("introduce-submit").click();
  await expect(card.getByTestId("introduce-result")).toContainText("已引荐");
  // The same pair again is refused, with the reason.
  await card.getByTestId("introduce-supplier").selectOption(await option.getAttribute("value"));
  await card.getByLabel("引荐说明").fill("再次引荐");
  await card.getByTestId("introduce-submit").click();
  await expect(card.getByTestId("introduce-result")).toContainText("已在此需求上有询价");

  await centre.goto("/my/introductions");
  const row = centre.getByTestId("my-introduction").filter({ hasText: title });
  await expect(row).toContainText(HOMETEX_NAME);
  await expect(row).toContainText("未成交");

  // The supplier sees the introduced inquiry.
  const sme = await signedIn(browser, HOMETEX);
  await sme.goto("/notifications");
  await expect(sme.getByText(`为「${title}」引荐了`).first()).toBeVisible();

  // The centre's analytics: its city, every table with its downloads.
  await centre.goto("/analytics");
  await expect(centre.getByRole("heading", { name: "统计分析", level: 1 })).toBeVisible();
  await expect(centre.getByText("青岛市产业集群")).toBeVisible();
  await expect(centre.getByTestId("analytics-city")).toHaveCount(0);
  for (const table of ["monthly", "sourcing", "cities", "supply"]) await expect(centre.getByTestId(`analytics-${table}`)).toBeVisible();
  await expect(centre.getByTestId("chart-map").locator("canvas")).toHaveCount(1);
  const monthRows = centre.getByTestId("analytics-monthly-table").locator("tbody tr");
  await expect(monthRows).toHaveCount(12);
  const thisMonth = monthRows.last();
  expect(Number(await thisMonth.locator("td").nth(2).innerText())).toBeGreaterThanOrEqual(1);

  const [csv] = await Promise.all([centre.waitForEvent("download"), centre.getByTestId("export-monthly-csv").click()]);
  expect(csv.suggestedFilename()).toMatch(/^fanglian-monthly-370200-\d{4}-\d{2}_\d{4}-\d{2}\.csv$/);
  const text = await readFile((await csv.path())!, "utf8");
  expect(text.startsWith("\uFEFF月份,邀请询价,主动响应,服务中心引荐")).toBe(true);
  expect(text.trim().split("\r\n")).toHaveLength(13);
  const [xlsx] = await Promise.all([centre.waitForEvent("download"), centre.getByTestId("export-cities-xlsx").click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString()).toBe("PK");

  // A firm is turned away, from the page and from the export.
  await sme.goto("/analytics");
  await expect(sme.getByText("只有服务中心和平台管理员可以查看统计分析。")).toBeVisible();
  expect((await sme.request.get("/api/analytics/export?table=monthly&format=csv")).status()).toBe(403);

  // A platform admin: the province, narrowed to a city with the filter.
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await admin.goto("/analytics");
  await expect(admin.getByText("全省纺织产业链")).toBeVisible();
  await admin.getByTestId("analytics-city").selectOption("370700");
  await admin.getByRole("button", { name: "查看" }).click();
  await expect(admin.getByText("潍坊市产业集群")).toBeVisible();
  await expect(admin).toHaveURL(/city=370700/);
});

test("analytics fits the screen @phone", async ({ page: centre }) => {
  await signInWithPassword(centre, CENTRE, DEMO_PASSWORD);
  await centre.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await centre.goto("/analytics");
  await expect(centre.getByTestId("analytics-monthly")).toBeVisible();
  const overflow = await centre.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
