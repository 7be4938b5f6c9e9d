"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Tabs } from "radix-ui";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { emailSignInSchema, phoneSignInSchema } from "@/domain/schemas/account";
import { parseAuthError, type MessageRef } from "./auth-error";
import { PhoneCodeFields } from "./phone-code-fields";

export type SignInTab = "password" | "phone";

/** Signs in with next-auth and, on success, goes to the callback page with a fresh server render. */
function useSignIn(callbackUrl: string) {
  const router = useRouter();
  const [error, setError] = useState<MessageRef | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  async function run(provider: SignInTab, credentials: Record<string, string>) {
    setError(null);
    const res = await signIn(provider, { ...credentials, redirect: false });
    if (!res?.ok || res.error) {
      setError(parseAuthError(res?.error));
      return;
    }
    setRedirecting(true);
    router.push(callbackUrl);
    router.refresh();
  }
  return { run, error, redirecting };
}

function SignInError({ error }: { error: MessageRef | null }) {
  const t = useTranslations();
  if (!error) return null;
  return (
    <Alert variant="error" data-testid="signin-error">
      {translateKey(t, error.key, error.params)}
    </Alert>
  );
}

function PasswordSignIn({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations();
  const { run, error, redirecting } = useSignIn(callbackUrl);
  const form = useForm<z.input<typeof emailSignInSchema>, unknown, z.output<typeof emailSignInSchema>>({
    resolver: zodResolver(emailSignInSchema),
    mode: "onTouched",
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const busy = isSubmitting || redirecting;
  return (
    <form noValidate onSubmit={form.handleSubmit((v) => run("password", v))} className="flex flex-col gap-4" data-testid="signin-password-form">
      <SignInError error={error} />
      <Field label={t("auth.fields.email")} error={errors.email?.message} required>
        <Input type="email" autoComplete="email" data-testid="email" {...form.register("email")} />
      </Field>
      <Field label={t("auth.fields.password")} error={errors.password?.message} required>
        <Input type="password" autoComplete="current-password" data-testid="password" {...form.register("password")} />
      </Field>
      <Button type="submit" size="lg" disabled={busy} data-testid="signin-submit">
        {busy ? t("auth.signIn.submitting") : t("auth.signIn.submit")}
      </Button>
    </form>
  );
}

function PhoneSignIn({ callbackUrl, initialPhone, smsOutbox }: { callbackUrl: string; initialPhone: string; smsOutbox: boolean }) {
  const t = useTranslations();
  const { run, error, redirecting } = useSignIn(callbackUrl);
  const form = useForm<z.input<typeof phoneSignInSchema>, unknown, z.output<typeof phoneSignInSchema>>({
    resolver: zodResolver(phoneSignInSchema),
    mode: "onTouched",
    defaultValues: { phone: initialPhone, code: "" },
  });
  const busy = form.formState.isSubmitting || redirecting;
  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit((v) => run("phone", v))} className="flex flex-col gap-4" data-testid="signin-phone-form">
        <SignInError error={error} />
        <PhoneCodeFields purpose="signin" smsOutbox={smsOutbox} />
        <Button type="submit" size="lg" disabled={busy} data-testid="signin-submit">
          {busy ? t("auth.signIn.submitting") : t("auth.signIn.submit")}
        </Button>
      </form>
    </FormProvider>
  );
}

const tabClass =
  "flex-1 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-sm";

export function SignInForm({
  callbackUrl,
  initialTab,
  initialPhone = "",
  initialError,
  smsOutbox,
}: {
  callbackUrl: string;
  initialTab: SignInTab;
  initialPhone?: string;
  /** An error next-auth put in the URL (?error=…) when it redirected here. */
  initialError?: MessageRef | null;
  smsOutbox: boolean;
}) {
  const t = useTranslations("auth.signIn");
  return (
    <Tabs.Root defaultValue={initialTab} className="flex flex-col gap-5">
      <Tabs.List aria-label={t("tabsLabel")} className="flex gap-1 rounded-lg bg-muted p-1">
        <Tabs.Trigger value="password" className={tabClass} data-testid="tab-password">
          {t("tabPassword")}
        </Tabs.Trigger>
        <Tabs.Trigger value="phone" className={tabClass} data-testid="tab-phone">
          {t("tabPhone")}
        </Tabs.Trigger>
      </Tabs.List>
      {initialError ? <SignInError error={initialError} /> : null}
      <Tabs.Content value="password" forceMount className="data-[state=inactive]:hidden">
        <PasswordSignIn callbackUrl={callbackUrl} />
      </Tabs.Content>
      <Tabs.Content value="phone" forceMount className="data-[state=inactive]:hidden">
        <PhoneSignIn callbackUrl={callbackUrl} initialPhone={initialPhone} smsOutbox={smsOutbox} />
      </Tabs.Content>
    </Tabs.Root>
  );
}
