import { expect, test, type Page } from "@playwright/test";

/** The number in the aria-live result line ("共 1,234 条结果" / "1,234 results"). */
async function total(page: Page): Promise<number> {
  const text = (await page.getByTestId("search-total").textContent()) ?? "";
  const m = /(\d[\d,]*)\s*(条|results?)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, "")) : 0;
}

async function settled(page: Page) {
  await expect(page.getByTestId("search-busy")).toHaveCount(0);
}

test.describe("instant search", () => {
  test("results follow typing, facets live in the URL, reload and back restore the state", async ({ page }) => {
    await page.goto("/search");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("搜索市场");
    await expect(page.getByTestId("search-tab-listing")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("search-hit").first()).toBeVisible();
    const everything = await total(page);
    expect(everything).toBeGreaterThan(100);

    // Typing searches after a short pause, without Enter.
    await page.getByTestId("search-input").pressSequentially("涤纶", { delay: 50 });
    await expect(page).toHaveURL(/[?&]q=%E6%B6%A4%E7%BA%B6/);
    await expect(page.getByTestId("search-total")).toContainText("“涤纶”");
    await settled(page);
    const polyester = await total(page);
    expect(polyester).toBeGreaterThan(0);
    expect(polyester).toBeLessThan(everything);
    await expect(page.getByTestId("search-hits").locator("mark").first()).toBeVisible();

    // Tick the first city: the URL and the count follow.
    const city = page.getByTestId("facet-city").locator('input[type="checkbox"]').first();
    const cityCode = (await city.getAttribute("data-testid"))!.replace("facet-city-", "");
    const cityCount = Number(await page.getByTestId("facet-city").locator("label").first().locator("span[aria-hidden]").textContent());
    await city.check();
    await expect(page).toHaveURL(new RegExp(`[?&]city=${cityCode}`));
    await settled(page);
    await expect.poll(() => total(page)).toBe(cityCount);
    expect(cityCount).toBeLessThanOrEqual(polyester);
    for (const hit of await page.getByTestId("search-hit").all()) await expect(hit).toBeVisible();

    // Sort by newest: another entry in the URL.
    await page.getByTestId("search-sort").selectOption("newest");
    await expect(page).toHaveURL(/[?&]sort=newest/);

    // A reload renders the same state on the server.
    await page.reload();
    await expect(page.getByTestId("search-input")).toHaveValue("涤纶");
    await expect(page.getByTestId(`facet-city-${cityCode}`)).toBeChecked();
    await expect(page.getByTestId("search-sort")).toHaveValue("newest");
    expect(await total(page)).toBe(cityCount);

    // Back: relevance again; back again: no city filter, the earlier count.
    await page.goBack();
    await expect(page).not.toHaveURL(/sort=newest/);
    // The page has followed the first step back before the second one (two back presses within a
    // few milliseconds can leave the router on the middle entry under load).
    await expect(page.getByTestId("search-sort")).not.toHaveValue("newest");
    await page.goBack();
    await expect(page).not.toHaveURL(/city=/);
    await expect(page.getByTestId(`facet-city-${cityCode}`)).not.toBeChecked();
    await expect.poll(() => total(page)).toBe(polyester);
    await expect(page.getByTestId("search-input")).toHaveValue("涤纶");
  });

  test("a shared URL is rendered on the server, and the tabs work from the keyboard", async ({ page, request }) => {
    const html = await (await request.get("/search?type=demand&q=%E6%A3%89%E7%BA%B1")).text();
    expect(html).toContain('data-testid="search-hit"');
    expect(html).toMatch(/id="search-tab-demand" aria-selected="true"/);

    await page.goto("/search?type=listing&q=%E7%BA%B1%E7%BA%BF&chainLink=spinning&page=2");
    await expect(page.getByTestId("search-pagination")).toContainText("第 2 /");
    await page.getByTestId("search-tab-listing").focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("search-tab-demand")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("search-tab-demand")).toBeFocused();
    await expect(page).toHaveURL(/type=demand/);
    await expect(page).not.toHaveURL(/page=2/);
    await settled(page);
    const first = page.getByTestId("search-hit-link").first();
    if ((await total(page)) > 0) await expect(first).toHaveAttribute("href", /^\/demands\//);
  });

  test("in English, a misspelt query still finds polyester", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    await page.goto("/search");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search the market");
    await page.getByTestId("search-input").pressSequentially("polyster", { delay: 40 });
    await expect(page.getByTestId("search-total")).toContainText("for “polyster”");
    await settled(page);
    expect(await total(page)).toBeGreaterThan(0);
    await expect(page.getByTestId("search-hit").first()).toBeVisible();
    await expect(page.getByTestId("facet-fiber")).toContainText("Polyester");

    // Nothing at all: the empty state with hints.
    await page.getByTestId("search-input").fill("zzqxj");
    await expect(page.getByText("No matching results")).toBeVisible();
  });

  test("works on a phone: filters fold into a disclosure, nothing overflows @phone", async ({ page }) => {
    // Phone-sized in the desktop project too.
    await page.setViewportSize({ width: 412, height: 915 });
    await page.goto("/search?q=%E6%A3%89%E7%BA%B1");
    await expect(page.getByTestId("search-hit").first()).toBeVisible();
    const facets = page.getByTestId("search-facets");
    await expect(facets).toBeHidden();
    const toggle = page.getByTestId("search-facets-toggle");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(facets).toBeVisible();
    await page.getByTestId("facet-chainLink").locator('input[type="checkbox"]').first().check();
    await expect(page).toHaveURL(/chainLink=/);
    await expect(toggle).toContainText("已选 1 项");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
