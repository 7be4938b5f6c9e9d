import { expect, type Browser, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@e2e.fanglian.local", password: "e2e-admin-password" };
export const DEMO_PASSWORD = "fanglian-demo";
export const PASSWORD = "correct horse battery";

let n = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(n++).toString(36)}`;
export const uniquePhone = () => `139${String(Date.now() + n++).slice(-8)}`;

export async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** Reads the newest SMS code for a number from the outbox, as a platform admin does in embedded mode. */
export async function readSmsCode(browser: Browser, phone: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInWithPassword(page, ADMIN.email, ADMIN.password);
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    let code: string | undefined;
    await expect(async () => {
      const input = encodeURIComponent(JSON.stringify({ json: { limit: 20 } }));
      const res = await page.request.get(`/api/trpc/admin.outbox?input=${input}`);
      expect(res.ok()).toBe(true);
      const rows = (await res.json()).result.data.json as Array<{ recipient: string; body: string }>;
      code = /验证码是 (\d{6})/.exec(rows.find((r) => r.recipient === `+86${phone}`)?.body ?? "")?.[1];
      expect(code).toBeTruthy();
    }).toPass({ timeout: 15_000 });
    return code!;
  } finally {
    await context.close();
  }
}
