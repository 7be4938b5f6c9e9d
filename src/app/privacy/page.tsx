import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PRIVACY_POLICY_VERSION } from "@/server/services/accounts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("metaTitle") };
}

/** The version users consent to at sign-up is "YYYY-MM"; it takes effect on the first of that month, Beijing time. */
function effectiveDate(version: string): Date {
  return new Date(`${version}-01T00:00:00+08:00`);
}

const listSections = ["collect", "purposes", "sharing", "storage"] as const;
const textSections = ["security", "minors", "changes", "contact"] as const;
const rights = ["access", "correct", "delete", "withdraw"] as const;
const order = [...listSections, "rights", ...textSections] as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-24">
      <h2 id={`${id}-title`} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function PrivacyPage() {
  const [t, format] = await Promise.all([getTranslations("privacy"), getFormatter()]);
  const accountLink = (chunks: ReactNode) => (
    <Link href="/account" className="font-medium text-primary underline underline-offset-4">
      {chunks}
    </Link>
  );
  return (
    <article className="mx-auto w-full max-w-3xl rounded-xl border bg-card px-5 py-8 shadow-sm md:px-10 md:py-10">
      <header className="mb-8 border-b pb-6">
        <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{t("title")}</h1>
        <p className="mt-2 text-sm text-muted-foreground" data-testid="privacy-version">
          {t("version", { version: PRIVACY_POLICY_VERSION, date: format.dateTime(effectiveDate(PRIVACY_POLICY_VERSION), { dateStyle: "long" }) })}
        </p>
        <p className="mt-4 leading-relaxed">{t("intro")}</p>
      </header>

      <nav aria-labelledby="toc-title" className="mb-10 rounded-lg bg-muted px-5 py-4">
        <h2 id="toc-title" className="mb-2 text-sm font-semibold">
          {t("toc")}
        </h2>
        <ol className="grid gap-1 text-sm sm:grid-cols-2">
          {order.map((id) => (
            <li key={id}>
              <a href={`#${id}`} className="text-primary underline-offset-4 hover:underline">
                {t(`sections.${id}.title`)}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <div className="flex flex-col gap-10 leading-relaxed">
        {listSections.map((id) => (
          <Section key={id} id={id} title={t(`sections.${id}.title`)}>
            <ul className="flex list-disc flex-col gap-2 pl-5 marker:text-primary">
              {(t.raw(`sections.${id}.items`) as string[]).map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
            {id === "purposes" ? <p className="mt-3">{t("sections.purposes.noOther")}</p> : null}
          </Section>
        ))}
        <Section id="rights" title={t("sections.rights.title")}>
          <ul className="flex list-disc flex-col gap-2 pl-5 marker:text-primary">
            {rights.map((r) => (
              <li key={r}>{t.rich(`sections.rights.${r}`, { link: accountLink })}</li>
            ))}
          </ul>
          <p className="mt-3">{t("sections.rights.respond")}</p>
        </Section>
        {textSections.map((id) => (
          <Section key={id} id={id} title={t(`sections.${id}.title`)}>
            <p>{t(`sections.${id}.body`)}</p>
          </Section>
        ))}
      </div>
    </article>
  );
}
