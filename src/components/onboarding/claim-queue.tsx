"use client";

import { useMutation } from "@tanstack/react-query";
import { BadgeCheck, ExternalLink, XCircle } from "lucide-react";
import Image from "next/image";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { dateTimeFormat } from "@/components/org/display";
import { FactList } from "@/components/org/fact-list";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, translateKey } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export interface PendingClaim {
  id: string;
  organizationId: string;
  name: string;
  altName: string | null;
  place: string | null;
  address: string | null;
  createdVia: "signup" | "import" | "centre";
  storedUscc: string | null;
  uscc: string;
  claimant: string;
  claimantOrgName: string | null;
  licenseFileId: string;
  submittedAt: Date;
}

type Status = { kind: "success" | "error"; text: string } | null;

/** Pending claims, oldest first: the firm, the claimant and the licence beside each other, approve or reject with a note. */
export function ClaimQueue({ items }: { items: PendingClaim[] }) {
  const t = useTranslations("onboarding.admin");
  const [status, setStatus] = useState<Status>(null);
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-xl font-semibold">{t("title")}</h2>
      <div aria-live="polite">{status ? <Alert variant={status.kind}>{status.text}</Alert> : null}</div>
      {items.length === 0 ? (
        <div className="rounded-xl border border-dashed bg-background px-6 py-14 text-center" data-testid="claims-empty">
          <h3 className="text-lg font-semibold">{t("emptyTitle")}</h3>
          <p className="mt-1 text-sm text-muted-foreground">{t("emptyBody")}</p>
        </div>
      ) : (
        <ul className="flex flex-col gap-4" aria-label={t("listLabel")}>
          {items.map((c) => (
            <li key={c.id}>
              <ClaimCard claim={c} onDone={setStatus} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ClaimCard({ claim, onDone }: { claim: PendingClaim; onDone: (s: Status) => void }) {
  const t = useTranslations("onboarding.admin");
  const tAll = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation(
    trpc.onboarding.decideClaim.mutationOptions({
      onSuccess: (_data, vars) => {
        onDone({ kind: "success", text: t(vars.decision === "approved" ? "approvedMessage" : "rejectedMessage", { name: claim.name }) });
        router.refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        setError(translateKey(tAll, info.key, info.params));
      },
    }),
  );
  const submit = (decision: "approved" | "rejected") => {
    setError(null);
    const trimmed = note.trim();
    if (decision === "rejected" && !trimmed) {
      setNoteError("onboarding.admin.noteRequired");
      return;
    }
    setNoteError(undefined);
    decide.mutate({ claimId: claim.id, decision, note: trimmed || undefined });
  };
  const titleId = `claim-${claim.id}`;
  const mono = (v: string) => <span className="font-mono">{v}</span>;
  return (
    <Card aria-labelledby={titleId} data-testid="pending-claim">
      <CardHeader>
        <CardTitle id={titleId} className="break-words">
          <Link href={`/org/${claim.organizationId}`} className="underline-offset-4 hover:text-primary hover:underline">
            {claim.name}
          </Link>
        </CardTitle>
        {claim.altName ? <p className="break-words text-sm text-muted-foreground">{claim.altName}</p> : null}
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="lg:col-start-1">
          <FactList
            facts={[
              { id: "created-via", label: t("createdVia"), value: t(`createdVias.${claim.createdVia}`) },
              { id: "place", label: t("place"), value: claim.place },
              { id: "address", label: t("address"), value: claim.address },
              { id: "uscc-stored", label: t("usccStored"), value: claim.storedUscc ? mono(claim.storedUscc) : null },
              { id: "uscc", label: t("usccClaimed"), value: mono(claim.uscc) },
              { id: "claimant", label: t("claimant"), value: claim.claimant },
              { id: "claimant-org", label: t("claimantOrg"), value: claim.claimantOrgName },
              { id: "submitted", label: t("submittedAt"), value: format.dateTime(claim.submittedAt, dateTimeFormat) },
            ]}
          />
        </div>
        <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("license")}</h3>
          <a href={`/api/files/${claim.licenseFileId}`} target="_blank" rel="noopener noreferrer" className="group block rounded-lg border bg-muted p-2 hover:border-primary" data-testid="claim-license-link">
            <span className="relative block h-48 w-full overflow-hidden rounded">
              <Image src={`/api/files/${claim.licenseFileId}`} alt={t("licenseAlt", { name: claim.name })} fill unoptimized sizes="18rem" className="object-contain" />
            </span>
            <span className="mt-2 flex items-center gap-1 text-sm font-medium text-primary group-hover:underline">
              {t("openLicense")}
              <ExternalLink className="h-3.5 w-3.5" aria-hidden="true" />
              <span className="sr-only">{t("opensInNewTab")}</span>
            </span>
          </a>
        </div>
        <div className="flex flex-col gap-3 lg:col-start-1">
          <Field label={t("note")} hint={t("noteHint")} error={noteError}>
            <Textarea value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
          </Field>
          {error ? <Alert variant="error">{error}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => submit("approved")} disabled={decide.isPending} data-testid="approve-claim">
              <BadgeCheck className="h-4 w-4" aria-hidden="true" />
              {t("approve")}
            </Button>
            <Button type="button" variant="outline" onClick={() => submit("rejected")} disabled={decide.isPending} data-testid="reject-claim">
              <XCircle className="h-4 w-4" aria-hidden="true" />
              {t("reject")}
            </Button>
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
