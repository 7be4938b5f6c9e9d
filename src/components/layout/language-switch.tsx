"use client";

import { Languages } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/actions";
import { Button } from "@/components/ui/button";

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, start] = useTransition();
  const next = locale === "en" ? "zh-CN" : "en";
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      lang={next}
      aria-label={`${t("language")}: ${next === "en" ? "English" : "中文"}`}
      data-testid="language-switch"
      onClick={() =>
        start(async () => {
          await setLocaleAction(next);
          router.refresh();
        })
      }
    >
      <Languages className="h-4 w-4" aria-hidden="true" />
      <span className="hidden sm:inline">{next === "en" ? t("switchToEnglish") : t("switchToChinese")}</span>
      <span className="sm:hidden">{next === "en" ? "EN" : "中"}</span>
    </Button>
  );
}
