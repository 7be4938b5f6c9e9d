"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { FileText, Send } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { AttachmentsField, type AttachmentInfo } from "@/components/demands/attachments-field";
import { orgName } from "@/components/org/display";
import { dateTimeFormat } from "@/components/org/display";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { Label, Textarea } from "@/components/ui/input";
import type { Locale } from "@/domain/taxonomy";
import { errorInfo } from "@/lib/errors";
import { useTRPC, useTRPCClient } from "@/lib/trpc/client";
import { cn } from "@/lib/utils";
import type { RouterOutputs } from "./display";

type Message = RouterOutputs["inquiry"]["messages"]["items"][number];

const POLL_MS = 15_000;

/**
 * The message thread of an inquiry (the deal page shows the same thread): messages with their
 * attachments, older pages on demand, a marker above the messages that arrived since the reader
 * last looked, and a send box (Ctrl+Enter / ⌘+Enter). The thread counts as read once it is on
 * screen. Renders nothing for someone who may not read it (e.g. an introducing service centre).
 */
export function MessageThread({ inquiryId, className }: { inquiryId: string; className?: string }) {
  const t = useTranslations("inquiries.thread");
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const bodyId = useId();
  const latest = useQuery({ ...trpc.inquiry.messages.queryOptions({ inquiryId }), refetchInterval: POLL_MS, staleTime: 0 });
  const [older, setOlder] = useState<Message[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null | undefined>(undefined);
  const [loadingOlder, setLoadingOlder] = useState(false);
  // Where the reader had read up to when the thread first loaded: the "new" marker stays put while they read.
  const [readMark, setReadMark] = useState<Date | null | undefined>(undefined);
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const threadRef = useRef<HTMLElement>(null);
  const atBottom = useRef(true);

  const data = latest.data;
  if (data && readMark === undefined) setReadMark(data.readUpTo);
  if (data && olderCursor === undefined) setOlderCursor(data.nextBefore);

  const seen = new Set(data?.items.map((m) => m.id) ?? []);
  const items = [...older.filter((m) => !seen.has(m.id)), ...(data?.items ?? [])];
  const firstNew = items.findIndex((m) => !m.mine && (readMark === null || (readMark !== undefined && m.createdAt > readMark)));

  const markRead = useMutation(
    trpc.inquiry.markRead.mutationOptions({
      // The unread badge goes; the "new" marker stays where it was until the thread is opened again.
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.inquiry.messages.queryKey({ inquiryId }) });
      },
    }),
  );
  const unread = data?.unread ?? 0;
  // Read once the thread is on screen (and again when new messages arrive while it is).
  useEffect(() => {
    const el = threadRef.current;
    if (!el || unread === 0) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !markRead.isPending) {
        markRead.mutate({ inquiryId });
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-arm only when the unread count changes
  }, [unread, inquiryId]);

  // Follow the conversation: stay at the bottom when new messages come in (unless the reader scrolled
  // up to read older ones) and always after sending one.
  const last = data?.items.at(-1);
  useEffect(() => {
    const el = listRef.current;
    if (el && (atBottom.current || last?.mine)) el.scrollTop = el.scrollHeight;
  }, [last?.id, last?.mine]);

  const send = useMutation(
    trpc.inquiry.sendMessage.mutationOptions({
      onSuccess: async () => {
        setBody("");
        setFiles([]);
        setStatus({ kind: "success", text: t("sent") });
        await queryClient.invalidateQueries({ queryKey: trpc.inquiry.messages.queryKey({ inquiryId }) });
      },
      onError: (e) => {
        const info = errorInfo(e);
        setStatus({ kind: "error", text: translateKey(tAll, info.fields.body ?? info.fields.attachmentFileIds ?? info.key, info.params) });
      },
    }),
  );
  const submit = () => {
    if (!body.trim() || send.isPending) return;
    setStatus(null);
    send.mutate({ inquiryId, body: body.trim(), attachmentFileIds: files.map((f) => f.id) });
  };

  const loadOlder = async () => {
    if (!olderCursor) return;
    setLoadingOlder(true);
    try {
      const page = await client.inquiry.messages.query({ inquiryId, before: olderCursor });
      setOlder((o) => [...page.items, ...o]);
      setOlderCursor(page.nextBefore);
    } catch (e) {
      const info = errorInfo(e);
      setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
    } finally {
      setLoadingOlder(false);
    }
  };

  if (latest.error instanceof TRPCClientError && ["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED"].includes(latest.error.data?.code)) return null;

  return (
    <section ref={threadRef} aria-labelledby={`${bodyId}-title`} className={cn("flex flex-col gap-4", className)} data-testid="message-thread">
      <h2 id={`${bodyId}-title`} className="flex items-center gap-2 text-lg font-semibold">
        {t("title")}
        {unread > 0 ? (
          <span className="rounded-full bg-primary px-2 py-0.5 text-xs font-medium text-primary-foreground" data-testid="thread-unread">
            {t("unread", { count: unread })}
          </span>
        ) : null}
      </h2>
      {latest.isPending ? (
        <p className="text-sm text-muted-foreground" role="status">
          {t("loading")}
        </p>
      ) : latest.isError ? (
        <Alert variant="error" className="flex items-center justify-between gap-2">
          {t("loadError")}
          <Button size="sm" variant="outline" onClick={() => void latest.refetch()}>
            {t("retry")}
          </Button>
        </Alert>
      ) : (
        <div
          ref={listRef}
          className="flex max-h-[28rem] flex-col gap-3 overflow-y-auto rounded-lg border bg-secondary/30 p-3"
          onScroll={(e) => {
            const el = e.currentTarget;
            atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          }}
        >
          {olderCursor ? (
            <Button size="sm" variant="ghost" className="self-center" disabled={loadingOlder} onClick={() => void loadOlder()}>
              {loadingOlder ? t("loading") : t("loadOlder")}
            </Button>
          ) : null}
          {items.length === 0 ? <p className="py-6 text-center text-sm text-muted-foreground">{t("empty")}</p> : null}
          <div role="log" aria-label={t("list")}>
            <ol className="flex flex-col gap-3">
              {items.map((m, i) => (
                <li key={m.id} className="flex flex-col gap-1">
                  {i === firstNew ? (
                    <p className="my-1 flex items-center gap-2 text-xs font-medium text-primary" data-testid="thread-new-marker">
                      <span className="h-px flex-1 bg-primary/40" aria-hidden="true" />
                      {t("newMarker")}
                      <span className="h-px flex-1 bg-primary/40" aria-hidden="true" />
                    </p>
                  ) : null}
                  <article className={cn("flex max-w-[85%] flex-col gap-1 rounded-lg border px-3 py-2 text-sm", m.mine ? "self-end border-primary/20 bg-primary/5" : "self-start bg-background")} data-testid="thread-message" data-mine={m.mine ? "true" : "false"}>
                    <p className="text-xs text-muted-foreground">
                      <span className="font-medium text-foreground">{m.mine ? t("you") : orgName(m.authorOrg, locale)}</span>
                      {m.author?.name ? ` · ${m.author.name}` : null} ·{" "}
                      <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt, dateTimeFormat)}</time>
                    </p>
                    <p className="whitespace-pre-line break-words">{m.body}</p>
                    {m.attachments.length ? (
                      <ul className="flex flex-wrap gap-1.5">
                        {m.attachments.map((a) => (
                          <li key={a.id}>
                            <a
                              href={`/api/files/${a.id}`}
                              target="_blank"
                              rel="noopener noreferrer"
                              className="inline-flex items-center gap-1 rounded border bg-background px-2 py-0.5 text-xs text-primary hover:underline"
                              aria-label={t("attachment", { name: a.originalName ?? a.id })}
                            >
                              <FileText className="h-3.5 w-3.5" aria-hidden="true" />
                              <span className="break-all">{a.originalName ?? a.id}</span>
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </article>
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={bodyId}>{t("label")}</Label>
          <Textarea
            id={bodyId}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              }
            }}
            placeholder={t("placeholder")}
            aria-describedby={`${bodyId}-shortcut`}
            maxLength={4000}
            rows={3}
            data-testid="thread-input"
          />
          <p id={`${bodyId}-shortcut`} className="text-xs text-muted-foreground">
            {t("shortcut")}
          </p>
        </div>
        <AttachmentsField files={files} onChange={setFiles} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={!body.trim() || send.isPending} data-testid="thread-send">
            <Send className="h-4 w-4" aria-hidden="true" />
            {send.isPending ? t("sending") : t("send")}
          </Button>
          <div aria-live="polite" className="min-w-0 flex-1">
            {status ? (
              <span className={cn("text-sm", status.kind === "error" ? "text-destructive" : "text-muted-foreground")} data-testid="thread-status">
                {status.text}
              </span>
            ) : null}
          </div>
        </div>
      </form>
    </section>
  );
}
