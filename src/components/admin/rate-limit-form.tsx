"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { applyServerErrors, errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";

// Mirrors the server's settings schema (services/settings.ts), with translated messages.
const int = (max: number, key: string) =>
  z.coerce.number({ message: `admin.settings.errors.${key}` }).int(`admin.settings.errors.${key}`).min(1, `admin.settings.errors.${key}`).max(max, `admin.settings.errors.${key}`);
const schema = z.object({
  windowSeconds: int(86_400, "window"),
  maxFailuresPerAccount: int(10_000, "perAccount"),
  maxFailuresPerIp: int(100_000, "perIp"),
});
type Values = z.output<typeof schema>;

export function RateLimitForm({ initial }: { initial: Values }) {
  const t = useTranslations("admin.settings");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const form = useForm<z.input<typeof schema>, unknown, Values>({ resolver: zodResolver(schema), defaultValues: initial });
  const save = useMutation(
    trpc.admin.setRateLimit.mutationOptions({
      onSuccess: (saved) => {
        form.reset(saved);
        setStatus({ kind: "success", text: t("saved") });
      },
      onError: (e) => {
        const info = errorInfo(e);
        applyServerErrors(info, form.setError);
        setStatus({ kind: "error", text: translateKey(tAll, info.key, info.params) });
      },
    }),
  );
  const errors = form.formState.errors;
  const minutes = Math.round(Number(useWatch({ control: form.control, name: "windowSeconds" })) / 60);
  return (
    <form
      noValidate
      className="flex max-w-xl flex-col gap-5"
      onSubmit={form.handleSubmit((v) => {
        setStatus(null);
        save.mutate(v);
      })}
    >
      <Field label={t("windowSeconds")} hint={Number.isFinite(minutes) && minutes > 0 ? t("windowHint", { minutes }) : t("windowHintPlain")} error={errors.windowSeconds?.message} required>
        <Input type="number" inputMode="numeric" min={1} max={86_400} step={1} {...form.register("windowSeconds")} />
      </Field>
      <Field label={t("maxFailuresPerAccount")} hint={t("perAccountHint")} error={errors.maxFailuresPerAccount?.message} required>
        <Input type="number" inputMode="numeric" min={1} max={10_000} step={1} {...form.register("maxFailuresPerAccount")} />
      </Field>
      <Field label={t("maxFailuresPerIp")} hint={t("perIpHint")} error={errors.maxFailuresPerIp?.message} required>
        <Input type="number" inputMode="numeric" min={1} max={100_000} step={1} {...form.register("maxFailuresPerIp")} />
      </Field>
      <div aria-live="polite">{status ? <Alert variant={status.kind}>{status.text}</Alert> : null}</div>
      <div>
        <Button type="submit" disabled={save.isPending} data-testid="save-rate-limit">
          {save.isPending ? tAll("common.saving") : tAll("common.save")}
        </Button>
      </div>
    </form>
  );
}
