"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createContext, useContext, useId, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { Label, Textarea } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

interface InviteState {
  selected: ReadonlySet<string>;
  toggle: (listingId: string, on: boolean) => void;
  invite: (listingIds: string[]) => void;
  pending: boolean;
}

const InviteContext = createContext<InviteState | null>(null);

function useInvite(): InviteState {
  const ctx = useContext(InviteContext);
  if (!ctx) throw new Error("Invite controls must be inside <InviteProvider>");
  return ctx;
}

/**
 * The shortlist's invitations: suppliers are ticked row by row (or invited one at a time) and
 * invited together with one optional note. The result ("3 invited, 1 already invited") is
 * announced in the live region; the page then refreshes so the rows show their inquiry status.
 */
export function InviteProvider({ demandId, children }: { demandId: string; children: ReactNode }) {
  const t = useTranslations("inquiries.invite");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const noteId = useId();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState("");
  const [result, setResult] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const mutation = useMutation(
    trpc.inquiry.invite.mutationOptions({
      onSuccess: (r, input) => {
        setResult({ kind: "success", text: r.already ? t("doneWithAlready", { invited: r.invited, already: r.already }) : t("done", { invited: r.invited }) });
        setSelected((s) => new Set([...s].filter((id) => !input.listingIds.includes(id))));
        router.refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        setResult({ kind: "error", text: translateKey(tAll, info.key, info.params) });
      },
    }),
  );
  const state: InviteState = {
    selected,
    pending: mutation.isPending,
    toggle: (id, on) => setSelected((s) => (on ? new Set([...s, id]) : new Set([...s].filter((x) => x !== id)))),
    invite: (listingIds) => {
      setResult(null);
      mutation.mutate({ demandId, listingIds, note: note.trim() || undefined });
    },
  };
  return (
    <InviteContext.Provider value={state}>
      {children}
      <div className="sticky bottom-0 z-10 -mx-2 flex flex-col gap-3 rounded-lg border bg-background/95 p-3 shadow-sm backdrop-blur sm:mx-0" data-testid="invite-bar">
        <details>
          <summary className="cursor-pointer text-sm font-medium underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">{t("note")}</summary>
          <div className="mt-2 flex flex-col gap-1.5">
            <Label htmlFor={noteId} className="sr-only">
              {t("note")}
            </Label>
            <Textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={1000} className="min-h-16" placeholder={t("notePlaceholder")} data-testid="invite-note" />
          </div>
        </details>
        <div className="flex flex-wrap items-center gap-3">
          <Button disabled={selected.size === 0 || mutation.isPending} onClick={() => state.invite([...selected])} data-testid="invite-selected">
            <Send className="h-4 w-4" aria-hidden="true" />
            {t("inviteSelected", { count: selected.size })}
          </Button>
          <span className="text-xs text-muted-foreground">{selected.size === 0 ? t("selectHint") : t("selectedCount", { count: selected.size })}</span>
        </div>
        <div aria-live="polite" role="status">
          {result ? (
            <Alert variant={result.kind} role="none" data-testid="invite-result">
              {result.text}
            </Alert>
          ) : null}
        </div>
      </div>
    </InviteContext.Provider>
  );
}

/** "Select {supplier} ({listing})" checkbox of one shortlist row (a supplier may be listed more than once). */
export function InviteCheckbox({ listingId, supplierName, listingTitle }: { listingId: string; supplierName: string; listingTitle: string }) {
  const t = useTranslations("inquiries.invite");
  const { selected, toggle, pending } = useInvite();
  return (
    <label className="inline-flex min-h-9 cursor-pointer items-center gap-2 rounded-md border px-3 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
      <input type="checkbox" className="h-4 w-4" checked={selected.has(listingId)} disabled={pending} onChange={(e) => toggle(listingId, e.target.checked)} aria-label={t("selectLabel", { supplier: supplierName, listing: listingTitle })} data-testid="invite-select" />
      <span aria-hidden="true">{t("select")}</span>
    </label>
  );
}

/** Invite this one supplier now. */
export function InviteRowButton({ listingId, supplierName, listingTitle }: { listingId: string; supplierName: string; listingTitle: string }) {
  const t = useTranslations("inquiries.invite");
  const { invite, pending } = useInvite();
  return (
    <Button size="sm" variant="outline" disabled={pending} onClick={() => invite([listingId])} aria-label={t("inviteOneLabel", { supplier: supplierName, listing: listingTitle })} data-testid="invite-one">
      <Send className="h-4 w-4" aria-hidden="true" />
      {t("inviteOne")}
    </Button>
  );
}
