"use client";

import { useQuery } from "@tanstack/react-query";
import { Check } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { orgName, placeName } from "@/components/org/display";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import type { Locale } from "@/domain/taxonomy";
import { useTRPC } from "@/lib/trpc/client";

export interface PickedOrg {
  id: string;
  nameZh: string;
  nameEn: string | null;
}

/**
 * Finds an organisation by name (firms for a centre's request, service centres for a firm's grant)
 * and picks one: a labelled search box and a list of choices, each a button.
 */
export function OrgPicker({ kind, value, onPick }: { kind: "firm" | "centre"; value: PickedOrg | null; onPick: (org: PickedOrg | null) => void }) {
  const t = useTranslations("managed.picker");
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery(trpc.managed.search.queryOptions({ query, kind }, { enabled: query.length > 0 }));
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={`${id}-q`}>{t(kind === "firm" ? "firmLabel" : "centreLabel")}</Label>
      <Input
        id={`${id}-q`}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t("placeholder")}
        aria-describedby={`${id}-status`}
        autoComplete="off"
        data-testid={`managed-picker-${kind}`}
      />
      <p id={`${id}-status`} className="text-xs text-muted-foreground" aria-live="polite">
        {value ? t("picked", { name: orgName(value, locale) }) : query && found.data ? t("results", { count: found.data.length }) : t("hint")}
      </p>
      {query && found.data?.length ? (
        <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto rounded-md border p-1" aria-label={t("resultsLabel")}>
          {found.data.map((o) => {
            const picked = value?.id === o.id;
            return (
              <li key={o.id}>
                <Button
                  type="button"
                  variant={picked ? "secondary" : "ghost"}
                  className="h-auto w-full justify-start whitespace-normal py-2 text-left"
                  aria-pressed={picked}
                  onClick={() => onPick(picked ? null : { id: o.id, nameZh: o.nameZh, nameEn: o.nameEn })}
                  data-testid="managed-picker-option"
                >
                  {picked ? <Check className="h-4 w-4 shrink-0" aria-hidden="true" /> : null}
                  <span className="min-w-0">
                    <span className="block break-words font-medium">{orgName(o, locale)}</span>
                    <span className="block text-xs text-muted-foreground">{placeName(o, locale)}</span>
                  </span>
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
