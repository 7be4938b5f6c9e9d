"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { translateKey } from "@/components/ui/field";
import { errorInfo, type ErrorInfo } from "@/lib/errors";

type Message = { kind: "success" | "error"; text: string; n: number };

interface Announcer {
  /** After a successful action: say so and reload the page's server data. */
  done: (text: string) => void;
  /** A refused action: the server's reason, translated; returns the error for field messages. */
  failed: (e: unknown) => ErrorInfo;
}

const Ctx = createContext<Announcer | null>(null);

/**
 * One polite live region for every action on the deal page: buttons may vanish once their step is
 * done (the page re-renders from the server), so results are announced here rather than next to
 * them. Shown at the foot of the viewport; successes fade after a while, errors stay until closed.
 */
export function DealAnnouncer({ children }: { children: ReactNode }) {
  const router = useRouter();
  const tAll = useTranslations();
  const t = useTranslations("deals.detail");
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    if (message?.kind !== "success") return;
    const timer = setTimeout(() => setMessage((m) => (m?.n === message.n ? null : m)), 8000);
    return () => clearTimeout(timer);
  }, [message]);
  const done = useCallback(
    (text: string) => {
      setMessage((m) => ({ kind: "success", text, n: (m?.n ?? 0) + 1 }));
      router.refresh();
    },
    [router],
  );
  const failed = useCallback(
    (e: unknown) => {
      const info = errorInfo(e);
      setMessage((m) => ({ kind: "error", text: translateKey(tAll, info.key, info.params), n: (m?.n ?? 0) + 1 }));
      return info;
    },
    [tAll],
  );
  const value = useMemo(() => ({ done, failed }), [done, failed]);
  return (
    <Ctx.Provider value={value}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
        {message ? (
          <Alert variant={message.kind} className="pointer-events-auto flex max-w-xl items-start gap-3 shadow-lg" data-testid="deal-action-status">
            <span className="flex-1">{message.text}</span>
            <button type="button" className="-m-1 rounded p-1 hover:bg-black/5" onClick={() => setMessage(null)} aria-label={t("dismiss")}>
              <X className="h-4 w-4" aria-hidden="true" />
            </button>
          </Alert>
        ) : null}
      </div>
    </Ctx.Provider>
  );
}

export function useAnnouncer(): Announcer {
  const a = useContext(Ctx);
  if (!a) throw new Error("useAnnouncer outside DealAnnouncer");
  return a;
}
