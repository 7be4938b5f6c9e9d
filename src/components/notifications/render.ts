"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { renderNotification, type NotificationTranslator } from "@/domain/notifications";

/** A notification's title and body in the reader's language: the same renderer the e-mails use. */
export function useNotificationText() {
  const t = useTranslations("notifications") as unknown as NotificationTranslator;
  return useCallback((n: { kind: string; params: unknown }) => renderNotification(t, n), [t]);
}

/** Minutes, in China time, as the rest of the app shows times. */
export const shortDateTime = { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Shanghai" } as const;
