"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { OrgPicker, type PickedOrg } from "./org-picker";

/** The firm lets a service centre manage its profile directly (授权代管), without waiting for a request. */
export function GrantManagementForm() {
  const t = useTranslations("managed.grant");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [centre, setCentre] = useState<PickedOrg | null>(null);
  const [result, setResult] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const grant = useMutation(
    trpc.managed.grant.mutationOptions({
      onSuccess: () => {
        setResult({ kind: "success", text: t("done") });
        setCentre(null);
        router.refresh();
      },
      onError: (e) => setResult({ kind: "error", text: translateKey(tAll, errorInfo(e).key, errorInfo(e).params) }),
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!centre) return setResult({ kind: "error", text: t("pickFirst") });
    if (!window.confirm(t("confirm", { name: centre.nameZh }))) return;
    setResult(null);
    grant.mutate({ centreOrgId: centre.id });
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3" data-testid="managed-grant-form">
      <OrgPicker kind="centre" value={centre} onPick={setCentre} />
      <div aria-live="polite">{result ? <Alert variant={result.kind}>{result.text}</Alert> : null}</div>
      <Button type="submit" variant="outline" disabled={grant.isPending} className="self-start" data-testid="managed-grant-submit">
        {grant.isPending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
