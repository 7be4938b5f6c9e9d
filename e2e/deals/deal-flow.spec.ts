import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signInWithPassword, unique } from "../support";

const ANCHOR = "anchor@demo.fanglian.local";
const HOMETEX = "hometex@demo.fanglian.local";
const HOMETEX_NAME = "高密家纺示范有限公司";

function dayFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, email, DEMO_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  return page;
}

/** The result of the last action on the deal page (one polite live region for all of them). */
async function expectDone(page: Page, text: string | RegExp) {
  await expect(page.getByTestId("deal-action-status")).toContainText(text);
}

/** The organisation page's delivered-orders figure (0 when the record is still empty). */
async function deliveredCount(page: Page, orgPath: string): Promise<number> {
  await page.goto(orgPath);
  const record = page.getByTestId("delivery-record");
  await expect(record).toBeVisible();
  const figure = record.getByTestId("record-delivered").locator("dd");
  return (await figure.count()) ? Number((await figure.innerText()).replace(/\D/g, "")) : 0;
}

/**
 * The deal flow end to end: the anchor posts a demand and invites two suppliers from its shortlist,
 * the home-textiles SME quotes, the buyer counters, the SME revises, the buyer awards; the order
 * runs bulk → inspection → two shipments → receipts → delivery, both sides rate, and the SME's
 * delivery record on its organisation page counts the order.
 */
test("from a shortlist to a delivered, rated order", async ({ browser }) => {
  test.setTimeout(300_000);
  const title = unique("求购纯棉毛巾 32S 提花 ");
  const buyer = await signedIn(browser, ANCHOR);
  const sme = await signedIn(browser, HOMETEX);

  // 1. The anchor posts a public demand for towels delivered to Weifang, without samples.
  await buyer.goto("/my/demands/new");
  await buyer.getByTestId("demand-title-input").fill(title);
  await buyer.getByTestId("demand-chain-link").selectOption("home_textiles");
  await buyer.locator('[data-testid="demand-processes"] input[value="towels"]').check();
  await buyer.getByTestId("demand-quantity-value").fill("50000");
  await buyer.getByTestId("demand-quantity-unit").fill("件");
  await buyer.getByTestId("demand-deadline").fill(dayFromNow(14));
  await buyer.getByTestId("demand-need-by").fill(dayFromNow(60));
  await buyer.getByTestId("demand-city").selectOption("370700");
  await expect(buyer.getByTestId("demand-samples")).not.toBeChecked();
  await buyer.getByTestId("demand-submit").click();
  await buyer.waitForURL(/\/demands\/[0-9a-f-]{36}/);

  // 2. It invites two matched SMEs from the shortlist at once: the Gaomi towel mill and one more.
  const shortlist = buyer.getByTestId("shortlist");
  const items = shortlist.getByTestId("shortlist-item");
  // The towel mill may fit with several listings; one invitation reaches the organisation.
  const hometexRow = items.filter({ hasText: HOMETEX_NAME }).first();
  await expect(hometexRow).toBeVisible();
  await hometexRow.getByTestId("invite-select").check();
  await items.filter({ hasNotText: HOMETEX_NAME }).first().getByTestId("invite-select").check();
  await buyer.getByTestId("invite-bar").locator("summary").click();
  await buyer.getByTestId("invite-note").fill("请报含税价，注明交期。");
  await buyer.getByTestId("invite-selected").click();
  await expect(buyer.getByTestId("invite-result")).toContainText("已邀请 2 家供应商报价");

  // 3. The SME finds the invitation among its inquiries and quotes.
  await sme.goto("/my/inquiries");
  await sme.getByRole("link", { name: title.trim() }).first().click();
  await sme.waitForURL(/\/inquiries\/[0-9a-f-]{36}/);
  const inquiryPath = new URL(sme.url()).pathname;
  await sme.getByTestId("inquiry-quote").click();
  await fillQuote(sme, { price: "12.5", lead: "30", terms: "monthly", days: "30" });
  await sme.getByTestId("quote-submit").click();
  await expect(sme.getByTestId("quote-form-status").or(sme.getByTestId("inquiry-action-result"))).toBeVisible();

  // 4. The buyer counters with a lower price; 5. the SME revises to meet it half way.
  await buyer.goto(inquiryPath);
  await buyer.getByTestId("inquiry-counter").click();
  await buyer.getByTestId("quote-unit-price").fill("11.8");
  await buyer.getByTestId("quote-submit").click();
  await expect(buyer.getByTestId("quote-form-status").or(buyer.getByTestId("inquiry-action-result"))).toBeVisible();

  await sme.reload();
  await sme.getByTestId("inquiry-quote").click();
  await sme.getByTestId("quote-unit-price").fill("12.1");
  await sme.getByTestId("quote-submit").click();
  await expect(sme.getByTestId("quote-form-status").or(sme.getByTestId("inquiry-action-result"))).toBeVisible();

  // 6. The buyer awards the revised quote and opens the order.
  await buyer.reload();
  await buyer.getByTestId("award-open").click();
  await buyer.getByTestId("award-confirm").click();
  await expect(buyer.getByTestId("award-result")).toBeVisible();
  // The dialog re-renders as the page refreshes behind it: follow the link's address.
  const dealPath = (await buyer.getByTestId("award-result").getByRole("link").getAttribute("href"))!;
  expect(dealPath).toMatch(/^\/deals\/[0-9a-f-]{36}$/);
  await buyer.goto(dealPath);
  await expect(buyer.getByTestId("deal-stage")).toHaveText("大货生产");
  await expect(buyer.getByTestId("deal-header-amount")).toHaveText("¥605,000.00");
  await expect(buyer.locator('[data-testid="deal-stage-item"][data-stage="samples"]')).toHaveAttribute("data-state", "skipped");
  // The SME's delivery record before this order (its organisation page, linked from the order).
  const orgPath = (await buyer.getByTestId("fact-supplier").getByRole("link").getAttribute("href"))!;
  const before = await deliveredCount(buyer, orgPath);

  // The order is on both sides' order lists.
  await sme.goto("/deals?side=supplier");
  await expect(sme.getByTestId("deal-row").filter({ hasText: title.trim() })).toHaveCount(1);

  // 7. Bulk done, inspection submitted by the SME and approved by the buyer.
  await sme.goto(dealPath);
  await sme.getByRole("button", { name: "大货已完成" }).click();
  await expectDone(sme, "大货已完成");
  await sme.getByRole("button", { name: "提交验货" }).click();
  await expectDone(sme, "已提交");
  await buyer.goto(dealPath);
  await expect(buyer.getByTestId("deal-stage")).toHaveText("验货");
  await buyer.getByRole("button", { name: "确认通过" }).click();
  await expectDone(buyer, "已确认通过");
  await expect(buyer.getByTestId("deal-stage")).toHaveText("发货");

  // 8. The SME ships in two lots; the buyer receives both and confirms delivery.
  await sme.reload();
  for (const [qty, tracking] of [["30000", "SF1000001"], ["20000", "SF1000002"]] as const) {
    await sme.getByRole("button", { name: "新增发货" }).click();
    await sme.getByLabel(/本批数量/).fill(qty);
    await sme.getByLabel("承运商").fill("顺丰速运");
    await sme.getByLabel("运单号").fill(tracking);
    await sme.getByRole("button", { name: "确认发货" }).click();
    await expectDone(sme, "已记录发货");
  }
  await expect(sme.getByTestId("shipment-row")).toHaveCount(2);
  await expect(sme.getByTestId("shipped-total")).toHaveText("50,000 件");

  await buyer.reload();
  for (const lot of ["确认第 1 批收货", "确认第 2 批收货"]) {
    await buyer.getByRole("form", { name: lot }).getByRole("button", { name: "确认收货" }).click();
    await expectDone(buyer, "已确认收货");
  }
  await expect(buyer.getByTestId("received-total")).toHaveText("50,000 件");
  await expect(buyer.getByTestId("tolerance-status")).toContainText("在公差范围内");
  await buyer.getByRole("button", { name: "确认交付" }).click();
  await expectDone(buyer, "订单已交付");
  await expect(buyer.getByTestId("deal-stage")).toHaveText("交付");

  // 9. Both sides rate, with the keyboard for the buyer's stars.
  await rate(buyer, { onTime: 5, quality: 4, communication: 5 }, "按时交货，质量稳定。", true);
  await rate(sme, { onTime: 5, quality: 5, communication: 4 }, "付款及时，沟通顺畅。", false);
  await sme.reload();
  await expect(sme.getByTestId("rating-given")).toHaveCount(2);

  // 10. The SME's delivery record counts the order: one more delivered, on time, rated.
  expect(await deliveredCount(buyer, orgPath)).toBe(before + 1);
  const record = buyer.getByTestId("delivery-record");
  await expect(record.getByTestId("record-on-time")).toContainText("%");
  await expect(record.getByTestId("record-ratings")).toContainText("条评价");
});

async function fillQuote(page: Page, q: { price: string; lead: string; terms: "prepay" | "monthly" | "acceptance"; days?: string }) {
  await page.getByTestId("quote-unit-price").fill(q.price);
  await page.getByTestId("quote-price-unit").fill("件");
  await page.getByTestId("quote-quantity").fill("50000");
  await page.getByTestId("quote-quantity-unit").fill("件");
  await page.getByTestId("quote-lead-time").fill(q.lead);
  await page.getByTestId("quote-valid-until").fill(dayFromNow(20));
  await page.getByTestId("quote-payment-terms").selectOption(q.terms);
  if (q.days) await page.getByTestId("quote-payment-days").fill(q.days);
}

async function rate(page: Page, stars: { onTime: number; quality: number; communication: number }, comment: string, keyboard: boolean) {
  await page.reload();
  const form = page.getByTestId("rating-form");
  for (const [key, label] of [["onTime", "准时"], ["quality", "质量"], ["communication", "沟通"]] as const) {
    const group = form.getByRole("group", { name: label });
    if (keyboard) {
      // Tab into the group lands on the first star; arrow keys move the choice.
      await group.getByRole("radio", { name: "1 星" }).focus();
      await page.keyboard.press("Space");
      for (let i = 1; i < stars[key]; i++) await page.keyboard.press("ArrowRight");
      await expect(group.getByRole("radio", { name: `${stars[key]} 星` })).toBeChecked();
    } else {
      // A click on the star (the label of its visually hidden radio).
      await group.locator("label").nth(stars[key] - 1).click();
      await expect(group.getByRole("radio", { name: `${stars[key]} 星` })).toBeChecked();
    }
  }
  await form.getByLabel(/评价内容/).fill(comment);
  await form.getByRole("button", { name: "提交评价" }).click();
  await expectDone(page, "感谢评价");
}

test("orders on a phone: menu links, the demo orders, nothing overflows, the cancel dialog asks for a reason @phone", async ({ browser }) => {
  const page = await signedIn(browser, ANCHOR);
  // Phone-sized in the desktop project too.
  await page.setViewportSize({ width: 412, height: 915 });
  await page.goto("/");
  await page.getByLabel("菜单").click();
  const menu = page.getByRole("navigation", { name: "主导航" }).last();
  await expect(menu.getByRole("link", { name: "询价" })).toHaveAttribute("href", "/my/inquiries");
  await menu.getByRole("link", { name: "订单" }).click();
  await page.waitForURL("**/deals");

  // The seeded sweater order: one of two lots received, 90-day acceptance bill (the SME warning).
  const row = page.getByTestId("deal-row").filter({ hasText: "羊毛混纺毛衫" });
  await expect(row.getByTestId("deal-stage")).toHaveText("发货");
  await row.getByTestId("deal-link").click();
  await page.waitForURL(/\/deals\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("sme-payment-warning")).toContainText("超过 60 天");
  await expect(page.getByTestId("tolerance-status")).toContainText("低于允许范围");
  await expect(page.getByTestId("quantity-decision")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // Cancelling needs a reason; closing the dialog keeps the order.
  await page.getByRole("button", { name: "取消订单" }).click();
  const dialog = page.getByRole("dialog", { name: "取消订单" });
  await dialog.getByRole("button", { name: "确认取消订单" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();
  await expect(dialog.getByLabel(/取消原因/)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("deal-stage")).toHaveText("发货");
  await page.context().close();
});
