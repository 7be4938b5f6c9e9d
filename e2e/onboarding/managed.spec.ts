import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInWithPassword, unique } from "../support";

const FIRM = "即墨童装示范服饰有限公司";

/**
 * Managed profiles (代管, docs/managed-profiles.md): the demo centre asks to manage kids@'s firm, the
 * firm's owner accepts on its settings page, the centre edits one of the firm's listings from
 * /my/managed, and the firm revokes — after which the centre's page no longer lists it.
 */
test("a service centre manages a firm's listing with its consent, until the firm revokes", async ({ browser }) => {
  const centre = await (await browser.newContext()).newPage();
  await signInWithPassword(centre, "cluster@demo.fanglian.local", DEMO_PASSWORD);
  await centre.waitForURL("**/my/organization");
  // Service centres have the page in the main navigation.
  await centre.getByRole("navigation", { name: "主导航" }).first().getByRole("link", { name: "代管企业" }).click();
  await centre.waitForURL("**/my/managed");
  // The seeded consent and request are there.
  await expect(centre.getByTestId("managed-firm")).toContainText(["海阳毛衫示范针织有限公司"]);
  await expect(centre.getByTestId("managed-pending-item")).toContainText(["高密家纺示范有限公司"]);

  await centre.getByTestId("managed-picker-firm").fill("即墨童装示范");
  await centre.getByTestId("managed-picker-option").filter({ hasText: FIRM }).click();
  await centre.getByTestId("managed-request-note").fill("集群统一维护童装企业的产能信息");
  await centre.getByTestId("managed-request-submit").click();
  await expect(centre.getByTestId("managed-request-result")).toContainText("已发送申请");
  await expect(centre.getByTestId("managed-pending-item").filter({ hasText: FIRM })).toBeVisible();

  // The firm's owner accepts on its settings page.
  const firm = await (await browser.newContext()).newPage();
  await signInWithPassword(firm, "kids@demo.fanglian.local", DEMO_PASSWORD);
  await firm.waitForURL("**/my/organization");
  const consent = firm.getByTestId("managed-consent").filter({ hasText: "即墨纺织服装产业集群服务中心" });
  await expect(consent).toHaveAttribute("data-status", "requested");
  await expect(consent).toContainText("集群统一维护童装企业的产能信息");
  await consent.getByTestId("managed-accept").click();
  await expect(consent).toHaveAttribute("data-status", "active");

  // The centre edits one of the firm's listings on its behalf.
  await centre.goto("/my/managed");
  await centre.getByTestId("managed-firm").filter({ hasText: FIRM }).getByTestId("managed-firm-open").click();
  await centre.waitForURL("**/my/managed/*");
  const firmPage = centre.url();
  await centre.getByTestId("managed-listing-edit").first().click();
  await centre.waitForURL("**/listings/*/edit");
  const title = unique("服务中心代管更新 ");
  await centre.getByTestId("listing-title").fill(title);
  await centre.getByTestId("listing-save").click();
  await centre.waitForURL("**/my/managed/*?saved=*");
  await expect(centre.getByTestId("managed-listing-title").filter({ hasText: title.trim() })).toBeVisible();

  // The firm sees the change as its own listing, and that the centre manages it.
  await firm.goto("/my/listings");
  await expect(firm.getByTestId("my-listing-title").filter({ hasText: title.trim() })).toBeVisible();
  await firm.goto(`/org/${firmPage.split("/my/managed/")[1]!.split("?")[0]}`);
  await expect(firm.getByTestId("org-managed-by")).toContainText("即墨纺织服装产业集群服务中心");

  // The firm revokes: the centre's page drops it and its edit page is gone.
  await firm.goto("/my/organization");
  firm.once("dialog", (d) => void d.accept());
  await consent.getByTestId("managed-revoke").click();
  await expect(firm.getByTestId("managed-consent").filter({ hasText: "即墨纺织服装产业集群服务中心" })).toHaveCount(0);
  await centre.goto("/my/managed");
  await expect(centre.getByTestId("managed-firm").filter({ hasText: FIRM })).toHaveCount(0);
  const gone = await centre.goto(firmPage.split("?")[0]!);
  expect(gone?.status()).toBe(404);
});
