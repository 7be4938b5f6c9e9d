"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

type Action = "accept" | "decline" | "revoke" | "end" | "withdraw";

/**
 * The buttons on one consent: the firm accepts or declines a request and revokes an active one;
 * the centre withdraws its request or ends the management. Ending asks first.
 */
export function ConsentActions({ consentId, actions, name }: { consentId: string; actions: Action[]; name: string }) {
  const t = useTranslations("managed.actions");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const opts = {
    onSuccess: () => {
      setProblem(null);
      router.refresh();
    },
    onError: (e: unknown) => setProblem(translateKey(tAll, errorInfo(e).key, errorInfo(e).params)),
  };
  const mutations = {
    accept: useMutation(trpc.managed.accept.mutationOptions(opts)),
    decline: useMutation(trpc.managed.decline.mutationOptions(opts)),
    revoke: useMutation(trpc.managed.revoke.mutationOptions(opts)),
    end: useMutation(trpc.managed.end.mutationOptions(opts)),
  };
  // Withdrawing a request is the centre ending it before the firm answered.
  const mutationOf = (a: Action) => mutations[a === "withdraw" ? "end" : a];
  const busy = Object.values(mutations).some((m) => m.isPending);
  const run = (a: Action) => {
    if ((a === "revoke" || a === "end" || a === "withdraw") && !window.confirm(t(`${a}Confirm`, { name }))) return;
    mutationOf(a).mutate({ consentId });
  };
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2" role="group" aria-label={t("groupLabel", { name })}>
        {actions.map((a) => (
          <Button key={a} size="sm" variant={a === "accept" ? "default" : "outline"} disabled={busy} onClick={() => run(a)} data-testid={`managed-${a}`}>
            {t(a)}
          </Button>
        ))}
      </div>
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
