import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signInWithPassword, unique } from "../support";

function dayFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The signed-in user's saved language decides; the header switch changes it. */
async function switchLanguage(page: Page, to: "en" | "zh-CN") {
  const lang = await page.locator("html").getAttribute("lang");
  if (lang === to) return;
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

test("the anchor's demand shows a ranked, explained shortlist (中文 and English); a fitting SME sees the demand", async ({ browser }) => {
  const title = unique("求购气流纺棉纱 OE16S 毛巾用 ");

  // The demo anchor posts a public demand for open-end cotton yarn delivered to Dezhou.
  const anchor = await browser.newContext();
  const page = await anchor.newPage();
  await signInWithPassword(page, "anchor@demo.fanglian.local", DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await page.goto("/my/demands/new");
  await page.getByTestId("demand-title-input").fill(title);
  await page.getByTestId("demand-chain-link").selectOption("spinning");
  await page.locator('[data-testid="demand-processes"] input[value="open_end_rotor"]').check();
  await page.getByTestId("demand-quantity-value").fill("20");
  await page.getByTestId("demand-quantity-unit").fill("吨");
  await page.getByTestId("demand-deadline").fill(dayFromNow(14));
  await page.getByTestId("demand-need-by").fill(dayFromNow(90));
  await page.getByTestId("demand-city").selectOption("371400");
  await page.getByTestId("demand-submit").click();
  await page.waitForURL(/\/demands\/[0-9a-f-]{36}/);
  const demandPath = new URL(page.url()).pathname;

  try {
    // Its shortlist, best first: rank, grade label (not a raw percentage), reasons as sentences.
    await switchLanguage(page, "zh-CN");
    const shortlist = page.getByTestId("shortlist");
    await expect(shortlist).toBeVisible();
    const items = shortlist.getByTestId("shortlist-item");
    expect(await items.count()).toBeGreaterThan(0);
    const first = items.first();
    await expect(first.getByLabel("第 1 名")).toHaveText("1");
    await expect(first.getByTestId("match-grade")).toHaveText(/^(匹配等级: )?(理想|良好|勉强)$/);
    await expect(first.getByTestId("match-grade")).not.toContainText("%");
    const reasons = first.getByTestId("match-reasons");
    await expect(reasons.locator('[data-reason="process"]')).toContainText("工艺匹配：转杯纺");
    await expect(reasons.locator('[data-reason="capacity"]')).toContainText(/产能.*倍/);
    await expect(reasons.locator('[data-reason="distance"]')).toContainText(/距离 [\d,]+ 公里/);
    // The buyer saves the first supplier: the toggle is pressed and says so, and stays saved after a reload.
    const save = first.getByTestId("shortlist-save");
    await expect(save).toHaveText("收藏");
    await expect(save).toHaveAttribute("aria-pressed", "false");
    await save.click();
    await expect(save).toHaveAttribute("aria-pressed", "true");
    await expect(save).toHaveText("已收藏");
    await page.reload();
    await expect(first.getByRole("button", { name: "已收藏", pressed: true })).toBeVisible();
    // Each supplier can be invited on its own or ticked for a joint invitation (nothing ticked yet).
    await expect(first.getByTestId("invite-one")).toBeEnabled();
    await expect(first.getByTestId("invite-select")).not.toBeChecked();
    await expect(page.getByTestId("invite-selected")).toBeDisabled();

    // The same shortlist in English.
    await switchLanguage(page, "en");
    await expect(first.getByTestId("match-grade")).toHaveText(/^(Match grade: )?(Ideal|Good|Marginal)$/);
    await expect(reasons.locator('[data-reason="process"]')).toContainText("Process matches: Open-end / rotor spinning");
    await expect(reasons.locator('[data-reason="capacity"]')).toContainText(/Capacity .*×/);
    await expect(reasons.locator('[data-reason="distance"]')).toContainText(/[\d,]+ km away/);
    await expect(first.getByRole("button", { name: "Saved", pressed: true })).toBeVisible();
    // Unsaving works the same way and survives a reload too.
    await first.getByRole("button", { name: "Saved" }).click();
    await expect(save).toHaveAttribute("aria-pressed", "false");
    await expect(save).toHaveText("Save");
    await page.reload();
    await expect(first.getByRole("button", { name: "Save", exact: true, pressed: false })).toBeVisible();
  } finally {
    await switchLanguage(page, "zh-CN");
    await anchor.close();
  }

  // The Xiajin open-end mill finds the demand among "demands that fit you", graded and explained.
  const sme = await browser.newContext();
  const sp = await sme.newPage();
  await signInWithPassword(sp, "yarn@demo.fanglian.local", DEMO_PASSWORD);
  await sp.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await sp.goto("/my/matches");
  const match = sp.getByTestId("my-match").filter({ hasText: title.trim() });
  await expect(match).toHaveCount(1);
  // The demo anchor holds anchor_pro: its demand is marked and listed ahead of the others that fit.
  await expect(match.getByTestId("priority-badge")).toHaveText("优先展示");
  await expect(match).toHaveAttribute("data-priority", "true");
  await expect(match.getByTestId("match-grade")).toHaveText(/^(匹配等级: )?(理想|良好|勉强)$/);
  await expect(match.getByTestId("match-reasons").locator('[data-reason="process"]')).toContainText("工艺匹配");
  await match.getByRole("link", { name: title.trim() }).first().click();
  await sp.waitForURL(`**${demandPath}`);
  await sme.close();
});
