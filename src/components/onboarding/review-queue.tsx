"use client";

import { useMutation } from "@tanstack/react-query";
import { GitMerge, Split } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface ReviewSide {
  id: string | null;
  name: string;
  aliases: string[];
  address: string | null;
  provinceAdcode: string;
  cityAdcode: string | null;
  countyAdcode: string | null;
  lat: number | null;
  lng: number | null;
  owned: boolean;
  sources: Array<{ field: string; source: string; line: number | null }>;
  /** County, city and province in the reader's language. */
  place: string | null;
}

interface Part {
  part: string;
  similarity: number;
  weight: number;
}

export interface ReviewItemView {
  id: string;
  line: number;
  fileName: string | null;
  score: number;
  incoming: ReviewSide;
  flags: string[];
  candidates: Array<{ score: number; rule: string | null; parts: Part[]; organization: ReviewSide }>;
}

type Status = { kind: "success" | "error"; text: string } | null;

/** Pending pairs, each the list's record beside the firm it may be, with 合并 / 不是同一家. */
export function ReviewQueue({ items, total }: { items: ReviewItemView[]; total: number }) {
  const t = useTranslations("onboarding.review");
  const [status, setStatus] = useState<Status>(null);
  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite" data-testid="review-status">
        {status ? <Alert variant={status.kind}>{status.text}</Alert> : null}
      </div>
      {items.length === 0 ? (
        <div className="rounded-xl border border-dashed bg-background px-6 py-14 text-center" data-testid="review-empty">
          <h2 className="text-lg font-semibold">{t("empty")}</h2>
          <p className="mt-1 text-sm text-muted-foreground">{t("emptyBody")}</p>
        </div>
      ) : (
        <>
          <p className="text-sm text-muted-foreground" data-testid="review-total">
            {t("pending", { count: total })}
          </p>
          <ul className="flex flex-col gap-4">
            {items.map((item) => (
              <li key={item.id}>
                <ReviewCard item={item} onDone={setStatus} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ReviewCard({ item, onDone }: { item: ReviewItemView; onDone: (s: Status) => void }) {
  const t = useTranslations("onboarding.review");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const decide = useMutation(trpc.onboarding.decideReview.mutationOptions());
  const [best, ...others] = item.candidates;
  const titleId = `review-${item.id}`;

  const submit = async (decision: "merge" | "keepApart", target?: ReviewSide) => {
    try {
      await decide.mutateAsync({ itemId: item.id, decision, organizationId: target?.id ?? undefined });
      onDone({ kind: "success", text: decision === "merge" ? t("merged", { name: target?.name ?? "" }) : t("keptApart", { name: item.incoming.name }) });
      router.refresh();
    } catch (e) {
      const info = errorInfo(e);
      onDone({ kind: "error", text: translateKey(tAll, info.key, info.params) });
    }
  };

  return (
    <Card aria-labelledby={titleId} data-testid="review-item" data-line={item.line}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <CardTitle id={titleId} className="break-words text-lg">
            {t("pairLabel", { line: item.line, name: item.incoming.name })}
          </CardTitle>
          {item.fileName ? <p className="text-sm text-muted-foreground">{t("fromFile", { file: item.fileName, line: item.line })}</p> : null}
        </div>
        {best ? (
          <Badge variant="warning" data-testid="review-score">
            {t("score", { score: best.score.toFixed(2) })}
          </Badge>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <div className="grid gap-4 md:grid-cols-2">
          <SideCard title={t("incoming")} side={item.incoming} flags={item.flags} testId="review-incoming" />
          {best ? <SideCard title={t("candidate")} side={best.organization} testId="review-candidate" /> : null}
        </div>
        {best ? (
          <section aria-label={t("partsTitle")} className="text-sm">
            <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("partsTitle")}</h3>
            <ul className="flex flex-wrap gap-x-4 gap-y-1" data-testid="review-parts">
              {best.parts
                .filter((p) => p.weight > 0)
                .map((p) => (
                  <li key={p.part}>
                    {t("part", { part: tAll(`imports.osh.parts.${p.part}`), similarity: p.similarity.toFixed(2), weight: p.weight.toFixed(2) })}
                  </li>
                ))}
            </ul>
            {best.rule ? <p className="mt-1 text-amber-800">{translateKey(tAll, `imports.osh.rules.${best.rule}`)}</p> : null}
          </section>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {best ? (
            <Button type="button" onClick={() => void submit("merge", best.organization)} disabled={decide.isPending} data-testid="review-merge">
              <GitMerge className="h-4 w-4" aria-hidden="true" />
              {t("merge")}
            </Button>
          ) : null}
          <Button type="button" variant="outline" onClick={() => void submit("keepApart")} disabled={decide.isPending} data-testid="review-keep-apart">
            <Split className="h-4 w-4" aria-hidden="true" />
            {t("keepApart")}
          </Button>
        </div>
        {others.map((c) => (
          <div key={c.organization.id} className="flex flex-col gap-2 border-t pt-4">
            <SideCard title={`${t("otherCandidate")} · ${t("score", { score: c.score.toFixed(2) })}`} side={c.organization} testId="review-other" />
            <Button type="button" variant="outline" size="sm" className="self-start" onClick={() => void submit("merge", c.organization)} disabled={decide.isPending}>
              {t("mergeInto", { name: c.organization.name })}
            </Button>
          </div>
        ))}
      </CardContent>
    </Card>
  );
}

function SideCard({ title, side, flags = [], testId }: { title: string; side: ReviewSide; flags?: string[]; testId: string }) {
  const t = useTranslations("onboarding.review");
  const tAll = useTranslations();
  const none = <span className="text-muted-foreground">{t("none")}</span>;
  const rows: Array<[string, React.ReactNode]> = [
    [t("fields.name"), side.id ? <Link href={`/org/${side.id}`} className="font-medium underline-offset-4 hover:text-primary hover:underline">{side.name}</Link> : <span className="font-medium">{side.name}</span>],
    [t("fields.aliases"), side.aliases.length > 0 ? side.aliases.join(" · ") : none],
    [t("fields.address"), side.address ?? (side.owned ? <span className="text-muted-foreground">{t("addressPrivate")}</span> : none)],
    [t("fields.place"), side.place ?? none],
    [t("fields.coordinates"), side.lat !== null && side.lng !== null ? <span className="tabular-nums">{`${side.lat.toFixed(4)}, ${side.lng.toFixed(4)}`}</span> : <span className="text-muted-foreground">{t("noCoordinates")}</span>],
    [t("fields.sources"), side.sources.length > 0 ? <SourceList sources={side.sources} /> : none],
  ];
  if (flags.length > 0) rows.push([t("fields.flags"), <ul key="flags">{flags.map((f) => <li key={f} className="text-amber-800">{translateKey(tAll, `imports.osh.flags.${f}`)}</li>)}</ul>]);
  return (
    <section className="rounded-lg border p-4" data-testid={testId}>
      <h3 className="mb-2 flex items-center gap-2 text-sm font-semibold">
        {title}
        {side.id ? <Badge variant={side.owned ? "success" : "outline"}>{side.owned ? t("owned") : t("unclaimed")}</Badge> : null}
      </h3>
      <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const FIELD_ORDER = ["name", "uscc", "province", "city", "county", "address", "coordinates"];

/** Where the values came from, one line per source: "名称、城市、地址：名录导入（第 3 行）". */
function SourceList({ sources }: { sources: ReviewSide["sources"] }) {
  const t = useTranslations("onboarding.review");
  const tAll = useTranslations();
  const groups = new Map<string, { source: string; line: number | null; fields: string[] }>();
  for (const s of [...sources].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))) {
    const key = `${s.source}|${s.line ?? ""}`;
    const g = groups.get(key) ?? { source: s.source, line: s.line, fields: [] };
    g.fields.push(tAll.has(`onboarding.review.fields.${s.field}`) ? t(`fields.${s.field}` as "fields.name") : s.field);
    groups.set(key, g);
  }
  return (
    <ul>
      {[...groups.entries()].map(([key, g]) => {
        const values = { fields: g.fields.join(t("fieldSeparator")), source: translateKey(tAll, `onboarding.review.sourceKinds.${g.source}`) };
        return <li key={key}>{g.line ? t("sourceLineAt", { ...values, line: g.line }) : t("sourceLine", values)}</li>;
      })}
    </ul>
  );
}
