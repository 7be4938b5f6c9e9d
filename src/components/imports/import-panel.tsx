"use client";

import { useMutation } from "@tanstack/react-query";
import { FileUp, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/client";
import { useFileImport } from "./use-file-import";

const ACCEPT = ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface Issue {
  line: number;
  column: string;
  code: string;
  params: Record<string, string | number>;
}

/** A preview's rejected rows and warnings, each as an issue table under its heading. */
export function PreviewIssues({ errors, warnings, testIdPrefix, errorsTitle, warningsTitle }: { errors: Issue[]; warnings: Issue[]; testIdPrefix: string; errorsTitle: string; warningsTitle: string }) {
  return (
    <>
      {errors.length > 0 ? (
        <section className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">{errorsTitle}</h3>
          <IssueTable issues={errors} testId={`${testIdPrefix}-preview-errors`} caption={errorsTitle} />
        </section>
      ) : null}
      {warnings.length > 0 ? (
        <section className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">{warningsTitle}</h3>
          <IssueTable issues={warnings} testId={`${testIdPrefix}-preview-warnings`} caption={warningsTitle} />
        </section>
      ) : null}
    </>
  );
}

/** Line / column / reason, translated from the reason codes the server sends. */
export function IssueTable({ issues, testId, caption }: { issues: Issue[]; testId: string; caption: string }) {
  const t = useTranslations("imports");
  const tAll = useTranslations();
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full table-fixed text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/50 text-xs uppercase text-muted-foreground">
          <tr>
            <th scope="col" className="w-14 px-2 py-2 sm:w-20 sm:px-3">
              {t("line")}
            </th>
            <th scope="col" className="w-28 px-2 py-2 sm:w-40 sm:px-3">
              {t("column")}
            </th>
            <th scope="col" className="px-2 py-2 sm:px-3">
              {t("reason")}
            </th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, n) => (
            <tr key={`${i.line}-${i.column}-${n}`} className="border-t align-top" data-testid={`${testId}-row`} data-line={i.line} data-column={i.column} data-code={i.code}>
              <td className="px-2 py-2 tabular-nums sm:px-3">{i.line || "—"}</td>
              <td className="break-all px-2 py-2 font-mono text-xs sm:px-3">{i.column || "—"}</td>
              <td className="break-words px-2 py-2 sm:px-3">
                {translateKey(tAll, i.code, i.params)}
                {i.params.value !== undefined && i.code !== "imports.reasons.unknownColumn" ? (
                  <code className="ml-2 break-all rounded bg-muted px-1 py-0.5 text-xs">{String(i.params.value)}</code>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Choose a Listings CSV/XLSX, preview its first rows, import it and read the row-by-row report. */
export function ImportPanel() {
  const t = useTranslations("imports");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const preview = useMutation(trpc.imports.preview.mutationOptions());
  const run = useMutation(trpc.imports.run.mutationOptions());
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
              data-testid="import-file"
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
            />
          </Field>
          <div aria-live="polite" className="text-sm text-muted-foreground">
            {reading || preview.isPending ? <span data-testid="import-reading">{t("reading")}</span> : null}
          </div>
        </CardContent>
      </Card>

      {p && !report ? (
        <Card data-testid="import-preview">
          <CardHeader>
            <CardTitle className="flex items-center gap-2 text-lg">
              <FileUp className="h-5 w-5 text-primary" aria-hidden="true" />
              {t("previewTitle")}
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="flex flex-wrap gap-2 text-sm">
              <Badge variant="secondary" data-testid="import-encoding" data-encoding={p.encoding}>
                {t("detectedEncoding", { encoding: t(`encoding.${p.encoding}`) })}
              </Badge>
              <Badge variant="secondary" data-testid="import-row-count">
                {t("rowsInFile", { count: p.totalRows })}
              </Badge>
            </div>
            <div>
              <h3 className="mb-1 text-sm font-medium">{t("recognisedColumns")}</h3>
              <p className="flex flex-wrap gap-1" data-testid="import-columns">
                {p.columns.map((c) => (
                  <code key={c} className="rounded bg-muted px-1.5 py-0.5 text-xs">
                    {c}
                  </code>
                ))}
              </p>
            </div>
            <div className="overflow-x-auto rounded-md border">
              <table className="w-full text-left text-xs" data-testid="import-preview-table">
                <caption className="sr-only">{t("previewTitle")}</caption>
                <thead className="bg-muted/50">
                  <tr>
                    <th scope="col" className="whitespace-nowrap px-2 py-1.5">
                      {t("line")}
                    </th>
                    {p.header.map((h, i) => (
                      <th key={`${h}-${i}`} scope="col" className="whitespace-nowrap px-2 py-1.5 font-mono">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {p.sample.map((r) => (
                    <tr key={r.line} className="border-t">
                      <td className="px-2 py-1.5 tabular-nums">{r.line}</td>
                      {p.header.map((_, i) => (
                        <td key={i} className="max-w-[14rem] truncate whitespace-nowrap px-2 py-1.5" title={r.cells[i] ?? ""}>
                          {r.cells[i] ?? ""}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <PreviewIssues errors={p.errors} warnings={p.warnings} testIdPrefix="import" errorsTitle={t("errorsTitle")} warningsTitle={t("warningsTitle")} />
            <Button type="button" onClick={() => void onImport()} disabled={busy} className="self-start" data-testid="import-run">
              <Upload className="h-4 w-4" aria-hidden="true" />
              {run.isPending ? t("running") : t("run")}
            </Button>
          </CardContent>
        </Card>
      ) : null}

      <div aria-live="polite">
        {report ? (
          <Card data-testid="import-report">
            <CardHeader>
              <CardTitle className="text-lg">{t("reportTitle")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-5">
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                {(["created", "updated", "unchanged", "rejected"] as const).map((k) => (
                  <div key={k} className="rounded-md border p-3">
                    <dt className="text-xs text-muted-foreground">{t(k)}</dt>
                    <dd className={`text-2xl font-semibold tabular-nums ${k === "rejected" && report.rejected > 0 ? "text-destructive" : ""}`} data-testid={`import-count-${k}`}>
                      {report[k]}
                    </dd>
                  </div>
                ))}
              </dl>
              <section className="flex flex-col gap-2">
                <h3 className="text-sm font-medium">{t("errorsTitle")}</h3>
                {report.errors.length > 0 ? (
                  <IssueTable issues={report.errors} testId="import-errors" caption={t("errorsTitle")} />
                ) : (
                  <Alert variant="success" data-testid="import-no-errors">
                    {t("noErrors")}
                  </Alert>
                )}
              </section>
              {report.warnings.length > 0 ? (
                <section className="flex flex-col gap-2">
                  <h3 className="text-sm font-medium">{t("warningsTitle")}</h3>
                  <IssueTable issues={report.warnings} testId="import-warnings" caption={t("warningsTitle")} />
                </section>
              ) : null}
            </CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
