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
import { organizationProfileSchema, type OrganizationProfile, type OrganizationProfileInput, type OrgType } from "@/domain/schemas/organization";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { OrganizationFields, organizationFormDefaults } from "./organization-fields";
import type { VerificationState } from "./verification-badge";

/**
 * The profile form for owners and admins; the type is fixed once the organisation exists. With
 * `organizationId` a service centre edits a firm it manages (代管) instead of its own.
 */
export function OrganizationEditForm({
  organization,
  organizationId,
}: {
  organization: Record<string, unknown> & { type: OrgType; verificationState: VerificationState };
  organizationId?: string;
}) {
  const t = useTranslations("org.edit");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const form = useForm<OrganizationProfileInput, unknown, OrganizationProfile>({
    resolver: zodResolver(organizationProfileSchema),
    mode: "onTouched",
    defaultValues: organizationFormDefaults(organization) as DefaultValues<OrganizationProfileInput>,
  });
  const update = useMutation(
    trpc.organization.update.mutationOptions({
      onSuccess: (saved) => {
        form.reset(organizationFormDefaults(saved) as DefaultValues<OrganizationProfileInput>);
        const backToReview = organization.verificationState === "verified" && saved.verificationState === "pending";
        setStatus({ kind: "success", text: backToReview ? t("savedBackToReview") : t("saved") });
        router.refresh();
      },
      onError: (e) => {
        const info = errorInfo(e);
        applyServerErrors(info, form.setError);
        const first = Object.keys(info.fields)[0];
        if (first) form.setFocus(first as Parameters<typeof form.setFocus>[0]);
        setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
      },
    }),
  );
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="flex flex-col gap-6"
        data-testid="organization-edit-form"
        onSubmit={form.handleSubmit(
          (values) => {
            setStatus(null);
            update.mutate({ ...values, type: organization.type, organizationId });
          },
          () => setStatus({ kind: "error", text: tAll("errors.invalidInput") }),
        )}
      >
        <p className="text-sm">
          <span className="font-medium">{t("typeLabel")}</span> {tAll(`common.orgTypes.${organization.type}`)}
          <span className="text-muted-foreground"> · {t("typeFixed")}</span>
        </p>
        {organization.verificationState === "verified" ? <Alert variant="info">{t("identityWarning")}</Alert> : null}
        <OrganizationFields type={organization.type} />
        <div aria-live="polite">{status ? <Alert variant={status.kind} data-testid="organization-save-status">{status.text}</Alert> : null}</div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={update.isPending} data-testid="organization-save">
            {update.isPending ? tAll("common.saving") : tAll("common.save")}
          </Button>
          <Button
            type="button"
            variant="ghost"
            disabled={update.isPending || !form.formState.isDirty}
            onClick={() => {
              form.reset();
              setStatus(null);
            }}
          >
            {t("discard")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
