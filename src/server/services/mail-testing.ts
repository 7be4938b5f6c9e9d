import "server-only";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A message as the test SMTP server received it: the envelope and the parsed headers and body. */
export interface ReceivedMail {
  envelopeFrom: string | undefined;
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface TestSmtpServer {
  /** smtp://user:pass@127.0.0.1:port (the password percent-encoded, as in SMTP_URL). */
  url: string;
  received: ReceivedMail[];
  /** Recipients answered with 550 on RCPT TO. */
  rejectRecipients: Set<string>;
  /** Holds each DATA reply this long, so concurrent senders overlap. */
  delayMs: number;
  close(): Promise<void>;
}

export const TEST_SMTP_USER = "relay";
export const TEST_SMTP_PASSWORD = "p@ss:词";

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 on a free port, for the mail relay's tests: plain
 * text without STARTTLS, AUTH required (so the credentials in the URL are exercised).
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const rejectRecipients = new Set<string>();
  const state = { delayMs: 0 };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (auth.username === TEST_SMTP_USER && auth.password === TEST_SMTP_PASSWORD) return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (!rejectRecipients.has(address.address)) return callback();
      callback(Object.assign(new Error(`5.1.1 <${address.address}>: no such user here`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (parsed) => {
            const from = session.envelope.mailFrom;
            received.push({ envelopeFrom: from ? from.address : undefined, envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed, raw });
            setTimeout(() => callback(), state.delayMs);
          },
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${TEST_SMTP_USER}:${encodeURIComponent(TEST_SMTP_PASSWORD)}@127.0.0.1:${port}`,
    received,
    rejectRecipients,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A localhost URL where nothing listens: a server that cannot be reached. */
export async function unreachableSmtpUrl(): Promise<string> {
  const net = await import("node:net");
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `smtp://127.0.0.1:${port}`;
}
