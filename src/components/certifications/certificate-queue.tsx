"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Locale } from "@/domain/taxonomy";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { CertificateBadge } from "./certificate-badge";

export interface PendingCertificate {
  id: string;
  organizationId: string;
  schemeId: string;
  number: string | null;
  validFrom: string | null;
  validTo: string | null;
  evidenceFileId: string | null;
  verificationState: string;
  status: "valid" | "expired" | "rejected" | "notYetValid";
  orgNameZh: string;
  orgNameEn: string | null;
}

function Row({ c }: { c: PendingCertificate }) {
  const t = useTranslations("certifications");
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const verify = useMutation(trpc.certification.verify.mutationOptions({ onSuccess: () => router.refresh(), onError: (e) => setProblem(translateKey(tAll, errorInfo(e).key)) }));
  if (verify.isSuccess) return <li className="rounded-xl border bg-background p-4 text-sm text-muted-foreground">{t("admin.done")}</li>;
  return (
    <li className="flex flex-col gap-3 rounded-xl border bg-background p-4" data-testid="pending-certificate">
      <div className="flex flex-wrap items-center gap-2">
        <CertificateBadge cert={c} />
        <Link href={`/org/${c.organizationId}`} className="font-medium hover:underline">
          {locale === "en" && c.orgNameEn ? c.orgNameEn : c.orgNameZh}
        </Link>
      </div>
      <p className="text-sm text-muted-foreground">{[c.number, `${c.validFrom ?? "…"} – ${c.validTo ?? "…"}`].filter(Boolean).join(" · ")}</p>
      {c.evidenceFileId ? (
        <a href={`/api/files/${c.evidenceFileId}`} target="_blank" rel="noopener noreferrer" className="self-start text-sm text-primary hover:underline">
          {t("my.viewEvidence")}
        </a>
      ) : null}
      <div className="grid gap-2 md:grid-cols-[1fr_auto_auto] md:items-end">
        <Field label={t("admin.note")}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </Field>
        <Button disabled={verify.isPending} onClick={() => verify.mutate({ id: c.id, decision: "verified", note: note || undefined })} data-testid="certificate-verify">
          {t("admin.verify")}
        </Button>
        <Button variant="outline" disabled={verify.isPending} onClick={() => verify.mutate({ id: c.id, decision: "rejected", note: note || undefined })} data-testid="certificate-reject">
          {t("admin.reject")}
        </Button>
      </div>
      {problem ? <Alert variant="error">{problem}</Alert> : null}
    </li>
  );
}

export function CertificateQueue({ items }: { items: PendingCertificate[] }) {
  const t = useTranslations("certifications.admin");
  return (
    <section aria-labelledby="cert-queue-title" className="flex flex-col gap-3">
      <h2 id="cert-queue-title" className="text-xl font-semibold">
        {t("title")}
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {items.map((c) => (
            <Row key={c.id} c={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
