"use client";

import { useMutation } from "@tanstack/react-query";
import { FileUp, ListChecks, Upload } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { PreviewIssues } from "@/components/imports/import-panel";
import { useFileImport } from "@/components/imports/use-file-import";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/client";
import { OutcomeBadge } from "./outcome-badge";

const ACCEPT = ".csv,.txt,text/csv";
const COUNTS = ["created", "merged", "review", "unchanged", "rejected", "flagged"] as const;


/** Choose an Open Supply Hub facility list, preview it, import it, and read the report row by row. */
export function OshImportPanel() {
  const t = useTranslations("onboarding.osh");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const preview = useMutation(trpc.onboarding.previewOsh.mutationOptions());
  const run = useMutation(trpc.onboarding.importOsh.mutationOptions());
  const { input, problem, reading, choose, onImport, busy } = useFileImport(preview, run);

  const p = preview.data;
  const report = run.data;

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardContent className="flex flex-col gap-4 pt-6">
          <Field label={t("chooseFile")} error={problem ? translateKey(tAll, problem.key, problem.params) : undefined} required>
            <Input
              ref={input}
              type="file"
              accept={ACCEPT}
              className="h-auto py-1.5 file:mr-3 file:rounded file:border-0 file:bg-secondary file:px-3 file:py-1 file:text-sm file:font-medium file:text-secondary-foreground"
              data-testid="osh-file"
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
            />
          </Field>
          <div aria-live="polite" className="text-sm text-muted-foreground">
            {reading || preview.isPending ? <span>{t("reading")}</span> : null}
          </div>
        </CardContent>
      </Card>

      {p && !report ? (
        <Card data-testid="osh-preview">
          <CardHeader>
            <CardTitle className="flex items-center gap-2 text-lg">
              <FileUp className="h-5 w-5 text-primary" aria-hidden="true" />
              {t("previewTitle")}
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="flex flex-wrap gap-2 text-sm">
              <Badge variant="secondary">{tAll("imports.detectedEncoding", { encoding: tAll(`imports.encoding.${p.encoding}`) })}</Badge>
              <Badge variant="secondary" data-testid="osh-row-count">
                {t("rowsInFile", { count: p.totalRows })}
              </Badge>
              <Badge variant="secondary">{t("readable", { count: p.valid })}</Badge>
            </div>
            <div className="overflow-x-auto rounded-md border">
              <table className="w-full min-w-[40rem] text-left text-xs">
                <caption className="sr-only">{t("previewTitle")}</caption>
                <thead className="bg-muted/50">
                  <tr>
                    {[t("line"), t("country"), t("name"), t("address"), t("coordinates")].map((h) => (
                      <th key={h} scope="col" className="whitespace-nowrap px-2 py-1.5">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {p.sample.map((r) => (
                    <tr key={r.line} className="border-t">
                      <td className="px-2 py-1.5 tabular-nums">{r.line}</td>
                      <td className="px-2 py-1.5">{r.country}</td>
                      <td className="max-w-[16rem] truncate px-2 py-1.5" title={r.name}>
                        {r.name}
                      </td>
                      <td className="max-w-[20rem] truncate px-2 py-1.5" title={r.address}>
                        {r.address}
                      </td>
                      <td className="whitespace-nowrap px-2 py-1.5 tabular-nums">{r.lat !== null && r.lng !== null ? `${r.lat}, ${r.lng}` : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <PreviewIssues errors={p.errors} warnings={p.warnings} testIdPrefix="osh" errorsTitle={t("errorsTitle")} warningsTitle={t("warningsTitle")} />
            <Button type="button" onClick={() => void onImport()} disabled={busy} className="self-start" data-testid="osh-run">
              <Upload className="h-4 w-4" aria-hidden="true" />
              {run.isPending ? t("running") : t("run")}
            </Button>
          </CardContent>
        </Card>
      ) : null}

      <div aria-live="polite">
        {report ? (
          <Card data-testid="osh-report">
            <CardHeader>
              <CardTitle className="text-lg">{t("reportTitle")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-5">
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
                {COUNTS.map((k) => (
                  <div key={k} className="rounded-md border p-3">
                    <dt className="text-xs text-muted-foreground">{t(`counts.${k}`)}</dt>
                    <dd className="text-2xl font-semibold tabular-nums" data-testid={`osh-count-${k}`}>
                      {report[k]}
                    </dd>
                  </div>
                ))}
              </dl>
              {report.review > 0 ? (
                <Button asChild variant="outline" className="self-start">
                  <Link href="/my/import/review" data-testid="osh-review-link">
                    <ListChecks className="h-4 w-4" aria-hidden="true" />
                    {t("reviewLink", { count: report.review })}
                  </Link>
                </Button>
              ) : null}
              <section className="flex flex-col gap-2">
                <h3 className="text-sm font-medium">{t("rowsTitle")}</h3>
                <OshRowsTable rows={report.rows} />
                {report.rows.length < report.created + report.merged + report.review + report.unchanged + report.rejected ? (
                  <p className="text-xs text-muted-foreground">{t("rowsLimited", { count: report.rows.length })}</p>
                ) : null}
              </section>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}

interface ReportRow {
  line: number;
  name: string;
  outcome: "created" | "merged" | "review" | "unchanged" | "rejected";
  flags: string[];
  reason: { code: string; params: Record<string, string | number> };
  organizationId: string | null;
}

function OshRowsTable({ rows }: { rows: ReportRow[] }) {
  const t = useTranslations("onboarding.osh");
  const tAll = useTranslations();
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full min-w-[44rem] text-left text-sm" data-testid="osh-rows">
        <caption className="sr-only">{t("rowsTitle")}</caption>
        <thead className="bg-muted/50 text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="w-14 px-2 py-2">
              {t("line")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("name")}
            </th>
            <th scope="col" className="w-24 px-2 py-2">
              {t("outcome")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("flags")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("reason")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line} className="border-t align-top" data-testid="osh-row" data-line={r.line} data-outcome={r.outcome}>
              <td className="px-2 py-2 tabular-nums">{r.line}</td>
              <td className="break-words px-2 py-2">
                {r.organizationId ? (
                  <Link href={`/org/${r.organizationId}`} className="underline-offset-4 hover:text-primary hover:underline">
                    {r.name}
                  </Link>
                ) : (
                  r.name || "—"
                )}
              </td>
              <td className="px-2 py-2">
                <OutcomeBadge outcome={r.outcome} />
              </td>
              <td className="px-2 py-2 text-xs">
                {r.flags.length > 0 ? (
                  <ul className="flex flex-col gap-1">
                    {r.flags.map((f) => (
                      <li key={f} className="text-amber-800" data-flag={f}>
                        {translateKey(tAll, `imports.osh.flags.${f}`)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  t("noFlags")
                )}
              </td>
              <td className="break-words px-2 py-2 text-muted-foreground">{translateKey(tAll, r.reason.code, r.reason.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
