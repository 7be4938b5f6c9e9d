"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm, type DefaultValues } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { translateKey } from "@/components/ui/field";
import { organizationProfileSchema, type OrganizationProfile, type OrganizationProfileInput } from "@/domain/schemas/organization";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { OrganizationFields, OrganizationTypeField, organizationFormDefaults } from "./organization-fields";

/** Creates another organisation; the server makes the creator its owner and switches to it. */
export function OrganizationCreateForm() {
  const t = useTranslations("org.create");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<OrganizationProfileInput, unknown, OrganizationProfile>({
    resolver: zodResolver(organizationProfileSchema),
    mode: "onTouched",
    defaultValues: organizationFormDefaults() as DefaultValues<OrganizationProfileInput>,
  });
  const create = useMutation(
    trpc.organization.create.mutationOptions({
      onSuccess: () => {
        router.push("/my/organization?created=1");
        router.refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        applyServerErrors(info, form.setError);
        const first = Object.keys(info.fields)[0];
        if (first) form.setFocus(first as Parameters<typeof form.setFocus>[0]);
        setFailure(translateKey(tAll, info.key, info.params));
      },
    }),
  );
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="flex flex-col gap-8"
        data-testid="organization-create-form"
        onSubmit={form.handleSubmit(
          (values) => {
            setFailure(null);
            create.mutate(values);
          },
          () => setFailure(tAll("errors.invalidInput")),
        )}
      >
        <OrganizationTypeField />
        <OrganizationFields />
        <div aria-live="polite">{failure ? <Alert variant="error">{failure}</Alert> : null}</div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" size="lg" disabled={create.isPending || create.isSuccess} data-testid="organization-create">
            {create.isPending || create.isSuccess ? t("creating") : t("submit")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
