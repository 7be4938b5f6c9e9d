"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [joined, setJoined] = useState(false);
  const accept = useMutation(
    trpc.organization.acceptInvitation.mutationOptions({
      onSuccess: () => {
        setJoined(true);
        router.push("/my/organization");
        router.refresh();
      },
    }),
  );
  const failure = accept.error ? errorInfo(accept.error) : null;
  return (
    <div className="flex flex-col gap-3">
      {failure ? (
        <Alert variant="error" data-testid="accept-error">
          {translateKey(t, failure.key, failure.params)}
        </Alert>
      ) : null}
      <Button size="lg" onClick={() => accept.mutate({ token })} disabled={accept.isPending || joined} data-testid="accept-invitation">
        {accept.isPending || joined ? t("auth.invite.accepting") : t("auth.invite.accept")}
      </Button>
    </div>
  );
}
