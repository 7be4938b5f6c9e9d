"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { translateKey } from "@/components/ui/field";
import type { NotificationKind } from "@/domain/notifications";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface PreferenceRow {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}

/** Per kind: in-app and e-mail checkboxes, saved as they change. */
export function PreferencesForm({ preferences, hasEmail }: { preferences: PreferenceRow[]; hasEmail: boolean }) {
  const t = useTranslations("notifications");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const [rows, setRows] = useState(preferences);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useMutation(trpc.notification.setPreference.mutationOptions());

  const change = (kind: NotificationKind, channel: "inApp" | "email", value: boolean) => {
    const before = rows;
    const next = rows.map((r) => (r.kind === kind ? { ...r, [channel]: value } : r));
    const row = next.find((r) => r.kind === kind)!;
    setRows(next);
    setStatus(null);
    save.mutate(row, {
      onSuccess: () => setStatus({ ok: true, text: t("preferences.saved") }),
      onError: (e) => {
        setRows(before);
        const info = errorInfo(e);
        setStatus({ ok: false, text: translateKey(tAll, info.key, info.params) });
      },
    });
  };

  return (
    <section aria-labelledby="notification-preferences-title" className="flex flex-col gap-3" data-testid="notification-preferences">
      <div>
        <h2 id="notification-preferences-title" className="text-lg font-semibold">
          {t("preferences.title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("preferences.description")}</p>
        {!hasEmail ? <p className="mt-1 text-sm text-amber-800">{t("preferences.noEmail")}</p> : null}
      </div>
      <div className="overflow-x-auto rounded-xl border bg-background">
        <table className="w-full text-sm">
          <thead className="border-b bg-muted/40 text-left">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                {t("preferences.kind")}
              </th>
              <th scope="col" className="w-24 px-4 py-2 text-center font-medium">
                {t("preferences.inApp")}
              </th>
              <th scope="col" className="w-24 px-4 py-2 text-center font-medium">
                {t("preferences.email")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {rows.map((r) => {
              const label = t(`kinds.${r.kind}.label`);
              return (
                <tr key={r.kind} data-testid={`preference-${r.kind}`}>
                  <th scope="row" className="px-4 py-3 text-left font-normal">
                    <span className="font-medium">{label}</span>
                    <span className="block text-xs text-muted-foreground">{t(`kinds.${r.kind}.description`)}</span>
                  </th>
                  {(["inApp", "email"] as const).map((channel) => (
                    <td key={channel} className="px-4 py-3 text-center">
                      <input
                        type="checkbox"
                        className="h-5 w-5 cursor-pointer accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                        checked={r[channel]}
                        aria-label={t(channel === "inApp" ? "preferences.inAppFor" : "preferences.emailFor", { kind: label })}
                        onChange={(e) => change(r.kind, channel, e.target.checked)}
                        data-testid={`preference-${r.kind}-${channel}`}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p role="status" aria-live="polite" className={status?.ok === false ? "text-sm text-destructive" : "text-sm text-emerald-700"}>
        {status?.text}
      </p>
    </section>
  );
}
