"use client";

import { useMutation } from "@tanstack/react-query";
import { MessageSquareText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, translateKey } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorInfo } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc/client";
import { cn } from "@/lib/utils";
import type { MessageRef } from "./auth-error";
import { errorAt } from "./form-errors";

/** The server's default resend interval; if an admin raised it, the server's otpTooSoon restarts the countdown. */
const RESEND_SECONDS = 60;

function useSendCode(purpose: "signin" | "signup") {
  const trpc = useTRPC();
  const mutation = useMutation(trpc.account.requestOtp.mutationOptions());
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [message, setMessage] = useState<{ kind: "sent" | "error"; ref: MessageRef } | null>(null);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const id = setTimeout(() => setSecondsLeft((s) => s - 1), 1000);
    return () => clearTimeout(id);
  }, [secondsLeft]);

  async function send(phone: string) {
    setMessage(null);
    try {
      const r = await mutation.mutateAsync({ phone, purpose });
      setSecondsLeft(RESEND_SECONDS);
      setMessage({ kind: "sent", ref: { key: "auth.otp.sent", params: { phone: r.sentTo, minutes: Math.round(r.expiresInSeconds / 60) } } });
    } catch (e) {
      const info = errorInfo(e);
      const wait = Number(info.params.seconds);
      if (info.key === "errors.otpTooSoon" && wait > 0) setSecondsLeft(wait);
      // A zod issue on the phone (validation.phone) is more telling than the generic invalidInput.
      setMessage({ kind: "error", ref: { key: info.fields.phone ?? info.key, params: info.params } });
    }
  }

  return { send, secondsLeft, pending: mutation.isPending, message };
}

/**
 * Mobile number, a "get code" button with its resend countdown, and the code, for a react-hook-form
 * form whose values have `phone` and `code` at the top level.
 */
export function PhoneCodeFields({
  purpose,
  smsOutbox,
}: {
  purpose: "signin" | "signup";
  /** Codes stay in the platform's message outbox (no SMS gateway): say so. */
  smsOutbox: boolean;
}) {
  const t = useTranslations();
  const { register, trigger, getValues, formState } = useFormContext<{ phone: string; code: string }>();
  const otp = useSendCode(purpose);
  const waiting = otp.secondsLeft > 0;
  const blocked = waiting || otp.pending;

  async function onSend() {
    if (blocked) return;
    if (!(await trigger("phone"))) return;
    await otp.send(getValues("phone"));
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-2">
          <Field label={t("auth.fields.phone")} hint={t("auth.fields.phoneHint")} error={errorAt(formState.errors, "phone")} required>
            <Input type="tel" inputMode="tel" autoComplete="tel-national" data-testid="phone" {...register("phone")} />
          </Field>
          <div className="flex flex-col gap-1.5">
            {/* Keeps the button level with the input whatever the label's height. */}
            <span aria-hidden="true" className="invisible text-sm leading-none">
              {t("auth.fields.phone")}
            </span>
            <Button
              type="button"
              variant="outline"
              onClick={onSend}
              aria-disabled={blocked || undefined}
              className={cn("min-w-28", blocked && "cursor-not-allowed opacity-60")}
              data-testid="send-code"
            >
              <MessageSquareText className="h-4 w-4" aria-hidden="true" />
              {otp.pending ? t("auth.otp.sending") : waiting ? t("auth.otp.wait", { seconds: otp.secondsLeft }) : t("auth.otp.send")}
            </Button>
          </div>
        </div>
        <div aria-live="polite">
          {otp.message?.kind === "sent" ? (
            <p className="text-sm text-emerald-700" data-testid="code-sent">
              {translateKey(t, otp.message.ref.key, otp.message.ref.params)}
            </p>
          ) : null}
          {otp.message?.kind === "error" ? (
            <p role="alert" className="text-sm text-destructive" data-testid="code-error">
              {translateKey(t, otp.message.ref.key, otp.message.ref.params)}
            </p>
          ) : null}
        </div>
      </div>
      <Field label={t("auth.fields.code")} hint={t("auth.fields.codeHint")} error={errorAt(formState.errors, "code")} required>
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          className="max-w-40 tracking-[0.3em]"
          data-testid="code"
          {...register("code")}
        />
      </Field>
      {smsOutbox ? <p className="rounded-md bg-muted px-3 py-2 text-xs text-muted-foreground">{t("auth.otp.outboxHint")}</p> : null}
    </div>
  );
}
