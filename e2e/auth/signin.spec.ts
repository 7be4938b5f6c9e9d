import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, readSmsCode, signInWithPassword, uniquePhone } from "../support";

test.describe("sign-in", () => {
  test("signs in with e-mail and password, with a safe session cookie, and signs out", async ({ page, context }) => {
    await signInWithPassword(page, "anchor@demo.fanglian.local", DEMO_PASSWORD);
    await page.waitForURL("**/my/organization");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("鲁纺示范集团有限公司");
    const cookie = (await context.cookies()).find((c) => c.name.includes("next-auth.session-token"));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    await page.getByTestId("user-menu").click();
    await page.getByTestId("sign-out").click();
    await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
    expect((await context.cookies()).some((c) => c.name.includes("next-auth.session-token"))).toBe(false);
    await page.goto("/my/organization");
    await page.waitForURL("**/signin**");
  });

  test("limits repeated failures with a clear message", async ({ page }) => {
    for (let i = 0; i < 5; i++) {
      await signInWithPassword(page, "sweater@demo.fanglian.local", `wrong-password-${i}`);
      await expect(page.getByTestId("signin-error")).toContainText("账号或密码");
    }
    await signInWithPassword(page, "sweater@demo.fanglian.local", DEMO_PASSWORD);
    await expect(page.getByTestId("signin-error")).toContainText(/尝试次数过多，请 \d+ 分钟后再试/);
  });

  test("signs up and signs in with a mobile number and a one-time code @phone", async ({ page, browser }) => {
    const phone = uniquePhone();
    await page.goto("/signup");
    await page.getByText("手机注册", { exact: true }).click();
    await page.getByLabel("您的姓名").fill("赵厂长");
    await page.getByLabel("手机号").fill(phone);
    await page.getByRole("button", { name: "获取验证码" }).click();
    await expect(page.getByTestId("code-sent")).toBeVisible();
    await page.getByLabel("短信验证码").fill(await readSmsCode(browser, phone));
    await page.getByText("中小企业", { exact: true }).click();
    await page.getByLabel("企业名称").fill(`手机注册测试纺织有限公司${phone}`);
    await page.getByTestId("accept-privacy").check();
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await page.waitForURL("**/signin?**");
    await expect(page.getByTestId("signin-notice")).toBeVisible();

    // Sign in with a fresh code.
    await expect(page.getByLabel("手机号")).toHaveValue(phone);
    await page.getByRole("button", { name: "获取验证码" }).click();
    await expect(page.getByTestId("code-sent")).toBeVisible();
    const code = await readSmsCode(browser, phone);
    await page.getByLabel("短信验证码").fill(code);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await page.waitForURL("**/my/organization");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`手机注册测试纺织有限公司${phone}`);
  });

  test("the footer shows the ICP filing number and the privacy policy", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("icp")).toContainText("鲁ICP备00000000号-1");
    await page.getByRole("link", { name: "隐私政策" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("隐私");
  });
});
