import { Mail, MessageSquareText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { LinkifiedText } from "@/components/admin/linkified-text";
import { dateTimeFormat } from "@/components/org/display";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { getServerCaller } from "@/server/viewer";
import { adminMetadata, requireAdmin } from "../_lib/guard";

export const dynamic = "force-dynamic";

const PAGE = 50;
const MAX = 200;

export function generateMetadata(): Promise<Metadata> {
  return adminMetadata("outbox");
}

export default async function AdminOutboxPage({ searchParams }: { searchParams: Promise<{ limit?: string }> }) {
  if (!(await requireAdmin("/admin/outbox"))) return null;
  const limit = (await searchParams).limit === String(MAX) ? MAX : PAGE;
  const [caller, t, format] = await Promise.all([getServerCaller(), getTranslations("admin.outbox"), getFormatter()]);
  const messages = await caller.admin.outbox({ limit });
  return (
    <div className="flex flex-col gap-4">
      <Alert variant="info">{t("intro")}</Alert>
      {messages.length === 0 ? (
        <div className="rounded-xl border border-dashed bg-background px-6 py-14 text-center">
          <h2 className="text-lg font-semibold">{t("emptyTitle")}</h2>
          <p className="mt-1 text-sm text-muted-foreground">{t("emptyBody")}</p>
        </div>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t("listLabel")}>
          {messages.map((m) => {
            const Icon = m.channel === "sms" ? MessageSquareText : Mail;
            const headingId = `msg-${m.id}`;
            return (
              <li key={m.id}>
                <article aria-labelledby={headingId} className="rounded-xl border bg-background p-4 shadow-sm" data-testid="outbox-message">
                  <header className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                    <div className="min-w-0">
                      <h2 id={headingId} className="flex flex-wrap items-center gap-2 font-semibold">
                        <Icon className="h-4 w-4 text-primary" aria-hidden="true" />
                        <span className="sr-only">{t(`channels.${m.channel}`)}:</span>
                        <span className="break-all" data-testid="outbox-recipient">{m.recipient}</span>
                      </h2>
                      {m.subject ? <p className="mt-1 break-words text-sm">{m.subject}</p> : null}
                    </div>
                    <div className="flex shrink-0 flex-wrap items-center gap-2 text-sm text-muted-foreground">
                      <Badge variant="outline" aria-hidden="true">{t(`channels.${m.channel}`)}</Badge>
                      <Badge variant={m.status === "failed" ? "destructive" : m.status === "sent" ? "success" : "secondary"}>{t(`statuses.${m.status}`)}</Badge>
                      <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt, dateTimeFormat)}</time>
                    </div>
                  </header>
                  <pre className="mt-3 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-muted p-3 font-mono text-sm leading-relaxed" data-testid="outbox-body">
                    <LinkifiedText text={m.body} />
                  </pre>
                  {m.lastError ? <p className="mt-2 text-sm text-destructive">{t("lastError", { error: m.lastError })}</p> : null}
                </article>
              </li>
            );
          })}
        </ol>
      )}
      {messages.length === PAGE && limit === PAGE ? (
        <Button asChild variant="outline" className="self-center">
          <Link href={`/admin/outbox?limit=${MAX}`}>{t("showMore", { count: MAX })}</Link>
        </Button>
      ) : null}
      {limit === MAX && messages.length === MAX ? <p className="text-center text-sm text-muted-foreground">{t("limitReached", { count: MAX })}</p> : null}
    </div>
  );
}
