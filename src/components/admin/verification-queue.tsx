"use client";

import { useMutation } from "@tanstack/react-query";
import { BadgeCheck, ExternalLink, FileWarning, XCircle } from "lucide-react";
import Image from "next/image";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { dateTimeFormat } from "@/components/org/display";
import { FactList } from "@/components/org/fact-list";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, translateKey } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface PendingOrganization {
  id: string;
  name: string;
  altName: string | null;
  typeLabel: string;
  uscc: string | null;
  place: string | null;
  contact: string | null;
  website: string | null;
  licenseFileId: string | null;
  submittedAt: Date;
}

type Status = { kind: "success" | "error"; text: string } | null;

export function VerificationQueue({ items }: { items: PendingOrganization[] }) {
  const t = useTranslations("admin.verification");
  const [status, setStatus] = useState<Status>(null);
  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite">{status ? <Alert variant={status.kind}>{status.text}</Alert> : null}</div>
      {items.length === 0 ? (
        <div className="rounded-xl border border-dashed bg-background px-6 py-14 text-center">
          <h2 className="text-lg font-semibold">{t("emptyTitle")}</h2>
          <p className="mt-1 text-sm text-muted-foreground">{t("emptyBody")}</p>
        </div>
      ) : (
        <ul className="flex flex-col gap-4" aria-label={t("listLabel")}>
          {items.map((org) => (
            <li key={org.id}>
              <PendingCard org={org} onDone={setStatus} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PendingCard({ org, onDone }: { org: PendingOrganization; onDone: (s: Status) => void }) {
  const t = useTranslations("admin.verification");
  const tAll = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation(
    trpc.admin.verifyOrganization.mutationOptions({
      onSuccess: (_data, vars) => {
        onDone({ kind: "success", text: t(vars.decision === "verified" ? "verifiedMessage" : "rejectedMessage", { name: org.name }) });
        router.refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        setError(translateKey(tAll, info.key, info.params));
      },
    }),
  );
  const submit = (decision: "verified" | "rejected") => {
    setError(null);
    const trimmed = note.trim();
    if (decision === "rejected" && !trimmed) {
      setNoteError("admin.verification.noteRequired");
      return;
    }
    setNoteError(undefined);
    decide.mutate({ organizationId: org.id, decision, note: trimmed || undefined });
  };
  const titleId = `pending-${org.id}`;
  return (
    <Card aria-labelledby={titleId} data-testid="pending-organization">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <CardTitle id={titleId} className="break-words">
            <Link href={`/org/${org.id}`} className="underline-offset-4 hover:text-primary hover:underline">
              {org.name}
            </Link>
          </CardTitle>
          {org.altName ? <p className="break-words text-sm text-muted-foreground">{org.altName}</p> : null}
        </div>
        <Badge variant="secondary">{org.typeLabel}</Badge>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        {/* Reading order is facts, licence, decision; on wide screens the licence sits on the right. */}
        <div className="lg:col-start-1">
          <FactList
            facts={[
              { id: "uscc", label: t("uscc"), value: org.uscc ? <span className="font-mono">{org.uscc}</span> : t("noUscc") },
              { id: "place", label: t("place"), value: org.place },
              { id: "contact", label: t("contact"), value: org.contact },
              { id: "website", label: t("website"), value: org.website },
              { id: "submitted", label: t("submittedAt"), value: format.dateTime(org.submittedAt, dateTimeFormat) },
            ]}
          />
        </div>
        <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("license")}</h3>
          {org.licenseFileId ? (
            <a
              href={`/api/files/${org.licenseFileId}`}
              target="_blank"
              rel="noopener noreferrer"
              className="group block rounded-lg border bg-muted p-2 hover:border-primary"
              data-testid="license-link"
            >
              <span className="relative block h-48 w-full overflow-hidden rounded">
                <Image src={`/api/files/${org.licenseFileId}`} alt={t("licenseAlt", { name: org.name })} fill unoptimized sizes="18rem" className="object-contain" />
              </span>
              <span className="mt-2 flex items-center gap-1 text-sm font-medium text-primary group-hover:underline">
                {t("openLicense")}
                <ExternalLink className="h-3.5 w-3.5" aria-hidden="true" />
                <span className="sr-only">{t("opensInNewTab")}</span>
              </span>
            </a>
          ) : (
            <p className="flex items-center gap-2 rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
              <FileWarning className="h-4 w-4" aria-hidden="true" />
              {t("noLicense")}
            </p>
          )}
        </div>
        <div className="flex flex-col gap-3 lg:col-start-1">
          <Field label={t("note")} hint={t("noteHint")} error={noteError}>
            <Textarea value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
          </Field>
          {error ? <Alert variant="error">{error}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => submit("verified")} disabled={decide.isPending} data-testid="verify-organization">
              <BadgeCheck className="h-4 w-4" aria-hidden="true" />
              {t("verify")}
            </Button>
            <Button type="button" variant="outline" onClick={() => submit("rejected")} disabled={decide.isPending} data-testid="reject-organization" className="text-destructive">
              <XCircle className="h-4 w-4" aria-hidden="true" />
              {t("reject")}
            </Button>
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
