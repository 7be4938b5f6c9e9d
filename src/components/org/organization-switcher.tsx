"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

/**
 * Chooses the active organisation. A button applies the choice, because some browsers fire
 * `change` on every arrow key in a closed select.
 */
export function OrganizationSwitcher({ organizations, activeId }: { organizations: Array<{ id: string; name: string }>; activeId: string }) {
  const t = useTranslations("org.my");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [chosen, setChosen] = useState(activeId);
  const [error, setError] = useState<string | undefined>();
  const formId = useId();
  const switchOrg = useMutation(
    trpc.account.switchOrganization.mutationOptions({
      onSuccess: () => router.refresh(),
      onError: (e) => {
        const info = errorInfo(e);
        setError(translateKey(tAll, info.key, info.params));
      },
    }),
  );
  return (
    <form
      id={formId}
      className="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        if (chosen !== activeId) switchOrg.mutate({ organizationId: chosen });
      }}
    >
      <div className="min-w-0 flex-1 sm:w-64 sm:flex-none">
        <Field label={t("switcherLabel")} error={error}>
          <Select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="organization-switcher">
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit" variant="outline" disabled={chosen === activeId || switchOrg.isPending}>
        {t("switch")}
      </Button>
    </form>
  );
}
