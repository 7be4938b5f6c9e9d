import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInWithPassword, unique } from "../support";

// The smallest PDF header the server's content check recognises.
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");

function dayFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("an anchor firm posts a demand with a tech-pack attachment", async ({ page }) => {
  const title = unique("求购精梳棉纱 JC40S 针织用 ");
  await signInWithPassword(page, "anchor@demo.fanglian.local", DEMO_PASSWORD);
  await page.waitForURL("**/my/organization");
  await page.goto("/my/demands/new");
  await page.getByTestId("demand-title-input").fill(title);
  await page.getByTestId("demand-chain-link").selectOption("spinning");
  await page.getByTestId("demand-quantity-value").fill("300");
  await page.getByTestId("demand-quantity-unit").fill("件(纱线)");
  await page.getByTestId("demand-deadline").fill(dayFromNow(14));
  await page.getByTestId("demand-need-by").fill(dayFromNow(60));
  await page.getByTestId("demand-city").selectOption("370200");
  await page.getByTestId("demand-attachment-input").setInputFiles({ name: "工艺单.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByTestId("attachment-item")).toHaveCount(1);
  await page.getByTestId("demand-submit").click();

  await page.waitForURL(/\/demands\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("demand-title")).toContainText(title.trim());
  await expect(page.getByTestId("demand-status")).toHaveAttribute("data-status", "open");
  await expect(page.getByTestId("fact-quantity")).toContainText("300");
  await expect(page.getByTestId("demand-attachment")).toHaveCount(1);
  const href = await page.getByTestId("demand-attachment").getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.headers()["content-type"]).toBe("application/pdf");

  // On the public board
  await page.goto("/demands?chainLink=spinning");
  await expect(page.getByTestId("demand-card").filter({ hasText: title.trim() })).toBeVisible();
});

test("a demand whose deadline is in the past is refused next to the field", async ({ page }) => {
  await signInWithPassword(page, "anchor@demo.fanglian.local", DEMO_PASSWORD);
  await page.waitForURL("**/my/organization");
  await page.goto("/my/demands/new");
  await page.getByTestId("demand-title-input").fill("过期测试需求");
  await page.getByTestId("demand-chain-link").selectOption("spinning");
  await page.getByTestId("demand-deadline").evaluate((el: HTMLInputElement) => el.removeAttribute("min"));
  await page.getByTestId("demand-deadline").fill("2020-01-01");
  await page.getByTestId("demand-submit").click();
  await expect(page.getByTestId("field-error").first()).toBeVisible();
  await expect(page).toHaveURL(/\/my\/demands\/new/);
});
