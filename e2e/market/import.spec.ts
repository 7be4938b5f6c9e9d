import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInWithPassword, unique } from "../support";

test("a service centre imports a Listings CSV and reads its row-by-row report", async ({ page }) => {
  const ref = unique("E2E-");
  const csv = [
    "ref,company_name,city_adcode,chain_link,processes,title,capacity_value,capacity_unit",
    `${ref}-1,即墨测试导入针织有限公司,370215,weaving_knitting,circular_knitting,圆机针织汗布,30,万米/月`,
    `${ref}-2,即墨测试导入针织有限公司,370215,weaving_knitting,circular_knitting|warp_drive,圆机针织罗纹,20,万米/月`,
  ].join("\n");
  await signInWithPassword(page, "cluster@demo.fanglian.local", DEMO_PASSWORD);
  await page.waitForURL("**/my/organization");
  await page.goto("/my/import");
  await page.getByTestId("import-file").setInputFiles({ name: "listings.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`, "utf8") });
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await expect(page.getByTestId("import-row-count")).toContainText("2");
  await page.getByTestId("import-run").click();
  await expect(page.getByTestId("import-report")).toBeVisible();
  await expect(page.getByTestId("import-count-created")).toContainText("1");
  await expect(page.getByTestId("import-count-rejected")).toContainText("1");
  const row = page.getByTestId("import-errors-row");
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-line", "3");
  await expect(row).toHaveAttribute("data-column", "processes");
  await expect(row).toContainText("warp_drive");

  // The same file again changes nothing.
  await page.getByTestId("import-file").setInputFiles({ name: "listings.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByTestId("import-run").click();
  await expect(page.getByTestId("import-count-unchanged")).toContainText("1");
  await expect(page.getByTestId("import-count-created")).toContainText("0");
});
