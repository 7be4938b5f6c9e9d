import { expect, test } from "@playwright/test";
import { randomValidUscc, USCC_ALPHABET } from "../../src/domain/uscc";
import { PASSWORD, unique } from "../support";

function wrongCheckCharacter(valid: string) {
  const last = valid.at(-1)!;
  return valid.slice(0, 17) + USCC_ALPHABET[(USCC_ALPHABET.indexOf(last) + 1) % USCC_ALPHABET.length];
}

test.describe("sign-up", () => {
  test("an invalid unified social credit code shows the error next to the field @phone", async ({ page }) => {
    await page.goto("/signup");
    const uscc = page.getByLabel("统一社会信用代码");
    await uscc.fill(wrongCheckCharacter(randomValidUscc()));
    await uscc.blur();
    const error = page.getByText("统一社会信用代码校验位不正确，请核对营业执照上的代码");
    await expect(error).toBeVisible();
    await expect(uscc).toHaveAttribute("aria-invalid", "true");
    // The message is tied to the field for screen readers.
    const describedBy = (await uscc.getAttribute("aria-describedby")) ?? "";
    const errorId = await error.getAttribute("id");
    expect(describedBy.split(" ")).toContain(errorId);
  });

  test("an SME signs up with a valid code, sees its organisation page, and switches to English and back", async ({ page }) => {
    const email = `${unique("sme")}@example.com`;
    const name = `即墨测试针织有限公司${unique("")}`;
    await page.goto("/signup");
    await page.getByLabel("您的姓名").fill("王测试");
    await page.getByLabel("电子邮箱").fill(email);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByText("中小企业", { exact: true }).click();
    await page.getByLabel("企业名称").fill(name);
    await page.getByLabel("统一社会信用代码").fill(randomValidUscc());
    await page.getByLabel("城市").selectOption({ label: "青岛市" });
    await page.getByLabel("区县").selectOption({ label: "即墨区" });
    await page.getByLabel("专精特新等级").selectOption("provincial_specialized");
    await page.getByTestId("accept-privacy").check();
    await page.getByRole("button", { name: "注册", exact: true }).click();

    await page.waitForURL("**/my/organization");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByTestId("user-menu")).toBeVisible();

    // The public organisation page
    await page.getByTestId("public-page-link").click();
    await page.waitForURL("**/org/**");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByText("即墨区").first()).toBeVisible();
    await expect(page.getByTestId("verified-badge")).toHaveCount(0);

    // English, kept across pages and reloads, then back to Chinese
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("navigation", { name: "Main navigation" }).first()).toBeAttached();
    await page.goto("/my/organization");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("link", { name: "My organisation" }).first()).toBeAttached();
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("link", { name: "我的企业" }).first()).toBeAttached();
  });

  test("a duplicate e-mail is refused with a translated message", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("您的姓名").fill("李重复");
    await page.getByLabel("电子邮箱").fill("anchor@demo.fanglian.local");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByText("龙头企业", { exact: true }).click();
    await page.getByLabel("企业名称").fill("重复测试集团有限公司");
    await page.getByTestId("accept-privacy").check();
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(page.getByText("该邮箱已注册，请直接登录").first()).toBeVisible();
  });
});
