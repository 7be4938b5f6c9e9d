"use client";

import { Clock } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { timeLeft } from "@/domain/demand-text";

const deadlineFormat = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Shanghai" } as const;

/**
 * The quote deadline in China time with the time left, updated every minute. The server's clock
 * renders first (so the page hydrates without a mismatch), then the browser's takes over.
 */
export function DeadlineCountdown({ deadline, serverNow, compact = false }: { deadline: string; serverNow: string; compact?: boolean }) {
  const t = useTranslations("demands.countdown");
  const format = useFormatter();
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 60_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  const end = new Date(deadline);
  const left = timeLeft(end, now);
  const leftText = left ? (left.days > 0 ? t("leftDays", { days: left.days, hours: left.hours }) : t("leftHours", { hours: left.hours, minutes: left.minutes })) : t("passed");
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5" data-testid="deadline-countdown">
      {compact ? null : <span>{t("closesAt", { date: format.dateTime(end, deadlineFormat) })}</span>}
      <span className={left && left.days < 2 ? "inline-flex items-center gap-1 font-medium text-amber-700" : "inline-flex items-center gap-1 text-muted-foreground"}>
        <Clock className="h-3.5 w-3.5" aria-hidden="true" />
        {compact && left ? `${format.dateTime(end, { month: "2-digit", day: "2-digit", timeZone: "Asia/Shanghai" })} · ` : null}
        {leftText}
      </span>
    </span>
  );
}
