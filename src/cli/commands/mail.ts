import { env } from "@/env";
import { relayMail } from "@/server/services/mail-relay";
import { withDatabase } from "../db";
import { EXIT_INTERNAL, EXIT_OK, UsageError, type Output, type ParsedArgs } from "../io";

/**
 * `fanglian mail [--json]`: one pass of the mail relay the app runs when SMTP_URL is set (every
 * 10 s): due e-mails of the outbox go out over SMTP; safe next to the app on PostgreSQL (rows are
 * locked, nobody gets a message twice). Refused (exit 2) without SMTP_URL; exit 1 when an e-mail
 * could not be sent (it is retried by a later pass, or failed after its last attempt).
 */
export async function mailCommand(args: ParsedArgs, out: Output): Promise<number> {
  if (args.positionals.length) throw new UsageError(`mail takes no arguments, got "${args.positionals.join(" ")}"`);
  const smtpUrl = env.SMTP_URL;
  if (!smtpUrl) throw new UsageError("SMTP_URL is not set, so e-mails stay in the outbox (/admin/outbox); set it to smtp://user:pass@host:587 to send them");
  return withDatabase(async ({ db }) => {
    const pass = await relayMail(db, { smtpUrl, from: env.MAIL_FROM });
    if (pass.error) out.log(`fanglian: mail: ${pass.error}`);
    out.result(
      { command: "mail", ...pass },
      `Sent ${pass.sent} e-mails${pass.retrying ? `; ${pass.retrying} will be retried` : ""}${pass.failed ? `; ${pass.failed} failed for good` : ""}.`,
    );
    return pass.retrying || pass.failed ? EXIT_INTERNAL : EXIT_OK;
  });
}
