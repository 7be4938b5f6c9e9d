"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { timeZone } from "@/i18n/config";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

/** Saves a JSON file through a temporary object URL: no server-side file is written. */
function download(fileName: string, data: unknown) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportDataButton() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  async function onExport() {
    setPending(true);
    setDone(null);
    setFailure(null);
    try {
      // Always fresh: an export must show what is stored now, not a cached copy.
      const data = await queryClient.fetchQuery({ ...trpc.account.exportData.queryOptions(), staleTime: 0, gcTime: 0 });
      // The date in the name is China's date (en-CA formats as YYYY-MM-DD).
      const day = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
      const fileName = `fanglian-my-data-${day}.json`;
      download(fileName, data);
      setDone(fileName);
    } catch (e) {
      setFailure(errorInfo(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={onExport} disabled={pending} variant="outline" data-testid="export-data">
          <Download className="h-4 w-4" aria-hidden="true" />
          {pending ? t("account.export.exporting") : t("account.export.button")}
        </Button>
        <p role="status" className="text-sm text-emerald-700">
          {done ? t("account.export.done", { file: done }) : null}
        </p>
      </div>
      {failure ? <Alert variant="error">{translateKey(t, failure.key, failure.params)}</Alert> : null}
    </div>
  );
}
