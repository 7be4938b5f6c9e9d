"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Mail, Smartphone } from "lucide-react";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormProvider, useForm, useWatch, type DefaultValues } from "react-hook-form";
import type { z } from "zod";
import { OrganizationFields, OrganizationTypeField, organizationFormDefaults } from "@/components/org/organization-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signUpSchema } from "@/domain/schemas/account";
import type { Locale } from "@/domain/schemas/common";
import { applyServerErrors, errorInfo, type ErrorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { errorAt } from "./form-errors";
import { PhoneCodeFields } from "./phone-code-fields";

type Values = z.input<typeof signUpSchema>;
type Output = z.output<typeof signUpSchema>;

/** What the sign-up page knows about a valid invitation link. */
export interface SignUpInvitation {
  token: string;
  email: string;
}

const methods = [
  { value: "email", icon: Mail, label: "methodEmail" },
  { value: "phone", icon: Smartphone, label: "methodPhone" },
] as const;

export function SignUpForm({ invitation, smsOutbox }: { invitation: SignUpInvitation | null; smsOutbox: boolean }) {
  const t = useTranslations();
  const locale = useLocale() as Locale;
  const router = useRouter();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const consentErrorId = useId();
  const methodId = useId();

  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(signUpSchema),
    mode: "onTouched",
    // The form holds both methods' fields at once; the schema reads those of the chosen method.
    defaultValues: {
      method: "email",
      name: "",
      email: invitation?.email ?? "",
      password: "",
      phone: "",
      code: "",
      locale,
      ...(invitation ? { invitationToken: invitation.token } : { organization: organizationFormDefaults() }),
    } as unknown as DefaultValues<Values>,
  });
  const { register, formState, control } = form;
  const method = useWatch({ control, name: "method" });
  const error = (name: string) => errorAt(formState.errors, name);

  async function onSubmit(values: Output) {
    setFailure(null);
    try {
      await signUp.mutateAsync(values);
    } catch (e) {
      const info = errorInfo(e);
      applyServerErrors(info, form.setError);
      setFailure(info);
      return;
    }
    if (values.method === "phone") {
      // The sign-up used up the code, and a new one cannot be sent for a minute: sign in afresh.
      router.push(`/signin?registered=phone&phone=${encodeURIComponent(values.phone)}`);
      return;
    }
    setSigningIn(true);
    const res = await signIn("password", { email: values.email, password: values.password, redirect: false });
    if (!res?.ok || res.error) {
      router.push("/signin?registered=1");
      return;
    }
    router.push("/my/organization");
    router.refresh();
  }

  const busy = formState.isSubmitting || signingIn;
  // With an invitation the e-mail must be the invited one, whichever the method.
  const emailRequired = method !== "phone" || Boolean(invitation);
  const emailLabel = emailRequired ? t("auth.fields.email") : t("auth.fields.emailOptional");
  const emailHint = invitation ? t("auth.fields.emailInvited") : method === "phone" ? t("auth.fields.emailOptionalHint") : undefined;

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-6" data-testid="signup-form">
        <Card>
          <CardHeader>
            <CardTitle>{t("auth.signUp.accountSection")}</CardTitle>
            <CardDescription>{t("auth.signUp.accountSectionDescription")}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <fieldset role="radiogroup" aria-labelledby={`${methodId}-legend`}>
              <legend id={`${methodId}-legend`} className="mb-2 text-sm font-medium">
                {t("auth.signUp.methodLegend")}
              </legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {methods.map(({ value, icon: Icon, label }) => (
                  <label
                    key={value}
                    className="relative flex cursor-pointer items-center gap-3 rounded-lg border bg-background px-4 py-3 text-sm font-medium transition-colors hover:border-primary/50 has-[:checked]:border-primary has-[:checked]:bg-secondary has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
                  >
                    <input
                      type="radio"
                      value={value}
                      className="sr-only"
                      data-testid={`method-${value}`}
                      {...register("method", { onChange: () => form.clearErrors(["email", "password", "phone", "code"]) })}
                    />
                    <Icon className="h-5 w-5 text-primary" aria-hidden="true" />
                    {t(`auth.signUp.${label}`)}
                  </label>
                ))}
              </div>
            </fieldset>

            <Field label={t("auth.fields.name")} hint={t("auth.fields.nameHint")} error={error("name")} required>
              <Input autoComplete="name" data-testid="name" {...register("name")} />
            </Field>

            {method === "phone" ? <PhoneCodeFields purpose="signup" smsOutbox={smsOutbox} /> : null}

            <Field label={emailLabel} hint={emailHint} error={error("email")} required={emailRequired}>
              <Input type="email" autoComplete="email" readOnly={Boolean(invitation)} className="read-only:bg-muted" data-testid="email" {...register("email")} />
            </Field>

            {method === "email" ? (
              <Field label={t("auth.fields.password")} hint={t("auth.fields.passwordHint")} error={error("password")} required>
                <Input type="password" autoComplete="new-password" data-testid="password" {...register("password")} />
              </Field>
            ) : null}
          </CardContent>
        </Card>

        {invitation ? null : (
          <Card>
            <CardHeader>
              <CardTitle>{t("auth.signUp.organizationSection")}</CardTitle>
              <CardDescription>{t("auth.signUp.organizationSectionDescription")}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-8">
              <OrganizationTypeField prefix="organization." />
              <OrganizationFields prefix="organization." />
            </CardContent>
          </Card>
        )}

        <Card>
          <CardHeader>
            <CardTitle>{t("auth.signUp.consentSection")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <div className="flex flex-col gap-1.5">
              <label className="flex items-start gap-3 text-sm leading-relaxed">
                <input
                  type="checkbox"
                  className="mt-1 h-4 w-4 shrink-0 accent-[var(--color-primary)]"
                  aria-invalid={error("acceptPrivacy") ? true : undefined}
                  aria-describedby={error("acceptPrivacy") ? consentErrorId : undefined}
                  data-testid="accept-privacy"
                  {...register("acceptPrivacy")}
                />
                <span>
                  {t.rich("auth.signUp.consent", {
                    link: (chunks) => (
                      <Link href="/privacy" target="_blank" rel="noopener" className="font-medium text-primary underline underline-offset-4">
                        {chunks}
                      </Link>
                    ),
                  })}
                </span>
              </label>
              {error("acceptPrivacy") ? (
                <p id={consentErrorId} role="alert" className="text-sm text-destructive" data-testid="field-error">
                  {translateKey(t, error("acceptPrivacy") ?? "")}
                </p>
              ) : null}
            </div>
            {failure ? (
              <Alert variant="error" data-testid="signup-error">
                {translateKey(t, failure.key, failure.params)}
              </Alert>
            ) : null}
            {signingIn ? <Alert variant="success">{t("auth.signUp.signingIn")}</Alert> : null}
            <div className="flex flex-col-reverse gap-4 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-muted-foreground">
                {t("auth.signUp.haveAccount")}{" "}
                <Link
                  href={invitation ? `/signin?callbackUrl=${encodeURIComponent(`/invite/${invitation.token}`)}` : "/signin"}
                  className="font-medium text-primary underline-offset-4 hover:underline"
                >
                  {t("auth.signUp.signInLink")}
                </Link>
              </p>
              <Button type="submit" size="lg" disabled={busy} className="sm:min-w-40" data-testid="signup-submit">
                {busy ? t("auth.signUp.submitting") : t("auth.signUp.submit")}
              </Button>
            </div>
          </CardContent>
        </Card>
      </form>
    </FormProvider>
  );
}
