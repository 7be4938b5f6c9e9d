import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Empty strings count as unset so a
 * blank line in a deployment's env file never switches an adapter on by accident.
 */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const optionalUrl = z.preprocess(blankToUndefined, z.url().optional());
/** `Name <address>` or a bare address: what goes into the From header of outgoing e-mail. */
const mailbox = z.string().refine((v) => z.email().safeParse(/<([^<>]+)>\s*$/.exec(v)?.[1]?.trim() ?? v.trim()).success, {
  message: "must be an e-mail address, optionally with a name: Name <address@example.com>",
});

/** A PostgreSQL memory setting such as 512MB (PGLITE_SHARED_BUFFERS, bench-search --shared-buffers). */
export const MEMORY_SIZE = /^[1-9]\d{0,5}(kB|MB|GB)$/;

const schema = z.object({
  NODE_ENV: z.preprocess(blankToUndefined, z.enum(["development", "production", "test"]).default("development")),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  DATABASE_URL: optionalUrl,
  PGLITE_DIR: z.preprocess(blankToUndefined, z.string().default(".data/pglite")),
  /** PGlite's shared_buffers (PGlite's own default, 128MB, when unset): docs/embedded-database.md. */
  PGLITE_SHARED_BUFFERS: z.preprocess(blankToUndefined, z.string().regex(MEMORY_SIZE, "must be a size such as 512MB").optional()),
  UPLOAD_DIR: z.preprocess(blankToUndefined, z.string().default(".data/uploads")),
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalUrl,
  ADMIN_EMAIL: z.preprocess(blankToUndefined, z.email().optional()),
  ADMIN_PASSWORD: z.preprocess(blankToUndefined, z.string().min(8).optional()),
  ICP_LICENSE: optionalString,
  MEILI_URL: optionalUrl,
  MEILI_MASTER_KEY: optionalString,
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  // Stripe price ids of the paid plans (docs/billing.md): the webhook maps a subscription's price to a plan.
  STRIPE_PRICE_ANCHOR_PRO: optionalString,
  STRIPE_PRICE_SME_PRO: optionalString,
  STRIPE_PRICE_SERVICE_CENTRE: optionalString,
  // smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://…:465 (TLS from the start).
  SMTP_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional()),
  MAIL_FROM: z.preprocess(blankToUndefined, mailbox.default("纺链 <noreply@fanglian.local>")),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
  // The platform's bank account that firms pay bank transfers (对公转账) into (docs/billing.md); demo values when unset.
  PLATFORM_BANK_ACCOUNT_NAME: optionalString,
  PLATFORM_BANK_NAME: optionalString,
  PLATFORM_BANK_ACCOUNT: optionalString,
  TEST_DATABASE_URL: optionalUrl,
  NEXT_PHASE: optionalString,
});

/** Where bank transfers are paid; `demo` when any part is the embedded default (the page says 演示数据). */
export interface PlatformBank {
  accountName: string;
  bankName: string;
  account: string;
  demo: boolean;
}

const DEMO_BANK = { accountName: "纺链（山东）信息科技有限公司", bankName: "中国工商银行青岛市南支行", account: "3803020109000000000" } as const;

export type Env = z.infer<typeof schema> & { NEXTAUTH_URL: string; dataDir: string; embedded: boolean; platformBank: PlatformBank };

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${lines}`);
  }
  const e = parsed.data;
  return {
    ...e,
    // Without a trailing slash, so `${NEXTAUTH_URL}/billing` is one way to build a link.
    NEXTAUTH_URL: (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    dataDir: path.dirname(path.resolve(e.PGLITE_DIR)),
    embedded: !e.DATABASE_URL,
    platformBank: {
      accountName: e.PLATFORM_BANK_ACCOUNT_NAME ?? DEMO_BANK.accountName,
      bankName: e.PLATFORM_BANK_NAME ?? DEMO_BANK.bankName,
      account: e.PLATFORM_BANK_ACCOUNT ?? DEMO_BANK.account,
      demo: !e.PLATFORM_BANK_ACCOUNT_NAME || !e.PLATFORM_BANK_NAME || !e.PLATFORM_BANK_ACCOUNT,
    },
  };
}

function load(): Env {
  const e = parseEnv(process.env);
  // next-auth v4 reads NEXTAUTH_URL itself; give it the port-aware default so sign-in works on any port.
  process.env.NEXTAUTH_URL = e.NEXTAUTH_URL;
  return e;
}

export const env: Env = load();

/** Start-up checks that must stop a production server, not a build or a test run. */
export function assertProductionReady(e: Env = env): void {
  if (e.NODE_ENV === "production" && e.DATABASE_URL && !e.NEXTAUTH_SECRET) {
    throw new Error(
      "NEXTAUTH_SECRET is not set. A production deployment on PostgreSQL (DATABASE_URL) needs a fixed secret " +
        "shared by every app process: generate one with `openssl rand -base64 32` and set NEXTAUTH_SECRET.",
    );
  }
}
