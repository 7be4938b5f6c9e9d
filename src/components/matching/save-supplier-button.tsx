"use client";

import { useMutation } from "@tanstack/react-query";
import { Bookmark, BookmarkCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

/**
 * Saves a supplier's listing on the buyer's demand (a toggle button, aria-pressed). The new state
 * shows at once and is rolled back, with the reason, if the server refuses.
 */
export function SaveSupplierButton({ demandId, listingId, initialSaved }: { demandId: string; listingId: string; initialSaved: boolean }) {
  const t = useTranslations("matching.shortlist");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const [saved, setSaved] = useState(initialSaved);
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation(
    trpc.match.setSaved.mutationOptions({
      onMutate: (input) => {
        setError(undefined);
        setSaved(input.saved);
      },
      onError: (e, input) => {
        setSaved(!input.saved);
        const info = errorInfo(e);
        setError(translateKey(tAll, info.key, info.params));
      },
    }),
  );
  const Icon = saved ? BookmarkCheck : Bookmark;
  return (
    <>
      <Button
        size="sm"
        variant={saved ? "secondary" : "outline"}
        aria-pressed={saved}
        aria-busy={mutation.isPending || undefined}
        onClick={() => {
          if (!mutation.isPending) mutation.mutate({ demandId, listingId, saved: !saved });
        }}
        data-testid="shortlist-save"
      >
        <Icon className="h-4 w-4" aria-hidden="true" />
        {saved ? t("saved") : t("save")}
      </Button>
      <span role="status" aria-live="polite" className="text-xs text-destructive">
        {error}
      </span>
    </>
  );
}
