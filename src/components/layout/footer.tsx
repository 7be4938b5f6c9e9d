import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { env } from "@/env";

export async function Footer() {
  const t = await getTranslations("common");
  return (
    <footer className="mt-16 border-t bg-background">
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-8 text-sm text-muted-foreground md:flex-row md:items-center md:justify-between">
        <p className="max-w-xl">
          <span className="font-semibold text-foreground">
            {t("appName")} {t("appNameEn")}
          </span>{" "}
          · {t("footer.about")}
        </p>
        <ul className="flex flex-wrap items-center gap-4">
          <li>
            <Link href="/privacy" className="underline-offset-4 hover:underline">
              {t("footer.privacy")}
            </Link>
          </li>
          <li>{t("footer.timeZone")}</li>
          {env.ICP_LICENSE ? (
            <li>
              <a href="https://beian.miit.gov.cn/" rel="noreferrer" target="_blank" className="underline-offset-4 hover:underline" data-testid="icp">
                {t("footer.icp", { number: env.ICP_LICENSE })}
              </a>
            </li>
          ) : null}
        </ul>
      </div>
    </footer>
  );
}
