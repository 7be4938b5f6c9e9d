"use client";

import { useMutation } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

/** Deletion needs a ticked confirmation first; the session ends with the account. */
export function DeleteAccount() {
  const t = useTranslations();
  const trpc = useTRPC();
  const [confirmed, setConfirmed] = useState(false);
  const remove = useMutation(trpc.account.deleteAccount.mutationOptions({ onSuccess: () => void signOut({ callbackUrl: "/" }) }));
  const failure = remove.error ? errorInfo(remove.error) : null;
  const busy = remove.isPending || remove.isSuccess;
  return (
    <div className="flex flex-col gap-4">
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 h-4 w-4 shrink-0 accent-[var(--color-destructive)]"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
          data-testid="delete-confirm"
        />
        <span>{t("account.delete.confirm")}</span>
      </label>
      {failure ? (
        <Alert variant="error" data-testid="delete-error">
          {translateKey(t, failure.key, failure.params)}
        </Alert>
      ) : null}
      <div>
        <Button variant="destructive" disabled={!confirmed || busy} onClick={() => remove.mutate({ confirm: true })} data-testid="delete-account">
          <Trash2 className="h-4 w-4" aria-hidden="true" />
          {busy ? t("account.delete.deleting") : t("account.delete.button")}
        </Button>
      </div>
    </div>
  );
}
