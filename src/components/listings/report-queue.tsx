"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { dateTimeFormat } from "@/components/org/display";
import type { Locale } from "@/domain/taxonomy";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface OpenReport {
  id: string;
  reason: string;
  createdAt: Date;
  listingId: string;
  listingTitle: string;
  listingStatus: string;
  orgId: string;
  orgNameZh: string;
  orgNameEn: string | null;
  reporterName: string | null;
  reporterEmail: string | null;
}

function Row({ r }: { r: OpenReport }) {
  const t = useTranslations("listings");
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const resolve = useMutation(trpc.listing.resolveReport.mutationOptions({ onSuccess: () => router.refresh(), onError: (e) => setProblem(translateKey(tAll, errorInfo(e).key)) }));
  if (resolve.isSuccess) return <li className="rounded-xl border bg-background p-4 text-sm text-muted-foreground">{t("admin.done")}</li>;
  return (
    <li className="flex flex-col gap-2 rounded-xl border bg-background p-4" data-testid="open-report">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/listings/${r.listingId}`} className="font-semibold hover:underline">
          {r.listingTitle}
        </Link>
        <Badge variant="outline">{t(`statuses.${r.listingStatus}`)}</Badge>
        <Link href={`/org/${r.orgId}`} className="text-sm text-muted-foreground hover:underline">
          {locale === "en" && r.orgNameEn ? r.orgNameEn : r.orgNameZh}
        </Link>
      </div>
      <p className="whitespace-pre-line break-words text-sm">{r.reason}</p>
      <p className="text-xs text-muted-foreground">
        {t("admin.reportedBy", { name: r.reporterName ?? r.reporterEmail ?? "—" })} · {format.dateTime(r.createdAt, dateTimeFormat)}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="outline" disabled={resolve.isPending} onClick={() => resolve.mutate({ reportId: r.id, action: "dismiss" })} data-testid="report-dismiss">
          {t("admin.dismiss")}
        </Button>
        <Button size="sm" disabled={resolve.isPending} onClick={() => resolve.mutate({ reportId: r.id, action: "pause" })} data-testid="report-pause">
          {t("admin.pauseListing")}
        </Button>
      </div>
      {problem ? <Alert variant="error">{problem}</Alert> : null}
    </li>
  );
}

export function ReportQueue({ items }: { items: OpenReport[] }) {
  const t = useTranslations("listings.admin");
  return (
    <section aria-labelledby="report-queue-title" className="flex flex-col gap-3">
      <h2 id="report-queue-title" className="text-xl font-semibold">
        {t("reportsTitle")}
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("reportsEmpty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {items.map((r) => (
            <Row key={r.id} r={r} />
          ))}
        </ul>
      )}
    </section>
  );
}
