import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInWithPassword, unique } from "../support";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("an SME publishes spare capacity with a photo, shown back in the unit it typed", async ({ page, browser }) => {
  const title = unique("童装来料加工空闲产能 ");
  await signInWithPassword(page, "kids@demo.fanglian.local", DEMO_PASSWORD);
  await page.waitForURL("**/my/organization");
  await page.goto("/my/listings/new");
  await page.getByTestId("listing-kind").selectOption("capacity");
  await page.getByTestId("listing-chainLink").selectOption("garment");
  await page.getByTestId("listing-processes").getByText("来料加工").first().click();
  await page.getByTestId("listing-title").fill(title);
  await page.getByTestId("listing-capacityValue").fill("5");
  await page.getByTestId("listing-capacityUnit").fill("万件/年");
  await page.getByTestId("listing-availableFrom").fill(day(1));
  await page.getByTestId("listing-availableTo").fill(day(60));
  await page.getByTestId("listing-photo-input").setInputFiles({ name: "车间.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("listing-photo")).toHaveCount(1);
  await page.getByTestId("listing-save-publish").click();
  await page.waitForURL("**/my/listings?saved=**");
  const saved = new URL(page.url()).searchParams.get("saved")!;

  // Anyone, signed in or not, sees the published listing and its photo.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/listings/${saved}`);
  await expect(visitor.getByTestId("listing-title")).toContainText(title.trim());
  await expect(visitor.getByTestId("listing-capacity")).toContainText("5 万件/年");
  await expect(visitor.getByTestId("listing-window")).toBeVisible();
  const src = await visitor.getByTestId("listing-photos").locator("img").first().getAttribute("src");
  const photo = await visitor.request.get(src!);
  expect(photo.status()).toBe(200);
  expect(photo.headers()["content-type"]).toBe("image/png");

  // It is on the capacity board's list for its chain link.
  await visitor.goto("/capacity?chainLink=garment");
  await expect(visitor.getByTestId("capacity-grid")).toBeVisible();
});
