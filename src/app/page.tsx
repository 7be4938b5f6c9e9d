import { Building2, Factory, Network } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { chainLinks, localName } from "@/domain/taxonomy";

export default async function HomePage() {
  const t = await getTranslations("home");
  const locale = (await getLocale()) as "zh-CN" | "en";
  const roles = [
    { key: "anchor", icon: Factory },
    { key: "sme", icon: Building2 },
    { key: "service_center", icon: Network },
  ] as const;
  return (
    <div className="flex flex-col gap-12">
      <section className="rounded-2xl bg-gradient-to-br from-primary to-sky-800 px-6 py-12 text-primary-foreground md:px-12 md:py-16">
        <h1 className="max-w-3xl text-3xl font-bold leading-tight md:text-5xl">{t("heroTitle")}</h1>
        <p className="mt-4 max-w-2xl text-base text-white/90 md:text-lg">{t("heroBody")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Button asChild size="lg" variant="secondary">
            <Link href="/signup">{t("ctaSignUp")}</Link>
          </Button>
          <Button asChild size="lg" variant="outline" className="border-white/60 bg-transparent text-white hover:bg-white/10 hover:text-white">
            <Link href="/clusters">{t("ctaBrowse")}</Link>
          </Button>
        </div>
        <p className="mt-6 text-sm text-white/80">{t("trust")}</p>
      </section>
      <section aria-labelledby="roles-title">
        <h2 id="roles-title" className="mb-4 text-xl font-semibold">{t("rolesTitle")}</h2>
        <div className="grid gap-4 md:grid-cols-3">
          {roles.map(({ key, icon: Icon }) => (
            <Card key={key}>
              <CardHeader>
                <Icon className="h-6 w-6 text-primary" aria-hidden="true" />
                <CardTitle>{t(`roles.${key}.title`)}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm text-muted-foreground">{t(`roles.${key}.body`)}</CardContent>
            </Card>
          ))}
        </div>
      </section>
      <section aria-labelledby="chain-title">
        <h2 id="chain-title" className="text-xl font-semibold">{t("chainTitle")}</h2>
        <p className="mb-4 text-muted-foreground">{t("chainBody")}</p>
        <ol className="flex flex-wrap gap-2">
          {chainLinks.map((c, i) => (
            <li key={c.id} className="rounded-full border bg-background px-4 py-2 text-sm">
              <span className="mr-2 text-muted-foreground">{i + 1}</span>
              {localName(c, locale)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
