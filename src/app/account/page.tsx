import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { orgDisplayName } from "@/components/auth/invitation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getViewer } from "@/server/viewer";
import { DeleteAccount } from "./delete-account";
import { ExportDataButton } from "./export-data-button";
import { LanguagePreference } from "./language-preference";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("metaTitle") };
}

function Section({ title, description, children, danger = false, testId }: { title: ReactNode; description?: ReactNode; children: ReactNode; danger?: boolean; testId?: string }) {
  return (
    <Card className={danger ? "border-red-200" : undefined} data-testid={testId}>
      <CardHeader>
        <CardTitle className={danger ? "text-destructive" : undefined}>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export default async function AccountPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/account");
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const { user } = viewer;
  const notSet = <span className="text-muted-foreground">{t("account.profile.notSet")}</span>;
  const profile = [
    { label: t("account.profile.name"), value: user.name, testId: "account-name" },
    { label: t("account.profile.email"), value: user.email ?? notSet, testId: "account-email" },
    { label: t("account.profile.phone"), value: user.phone ?? notSet, testId: "account-phone" },
  ];

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("account.title")} description={t("account.description")} />

      <Section title={t("account.profile.title")} testId="account-profile">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
          {profile.map((row) => (
            <div key={row.label} className="contents">
              <dt className="text-muted-foreground">{row.label}</dt>
              <dd className="break-words font-medium" data-testid={row.testId}>
                {row.value}
              </dd>
            </div>
          ))}
          <dt className="text-muted-foreground">{t("account.profile.organizations")}</dt>
          <dd>
            {viewer.organizations.length === 0 ? (
              <span className="text-muted-foreground">{t("account.profile.noOrganizations")}</span>
            ) : (
              <ul className="flex flex-col gap-2">
                {viewer.organizations.map((o) => (
                  <li key={o.organizationId} className="flex flex-wrap items-center gap-2">
                    <Link href={`/org/${o.organizationId}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {orgDisplayName(o, locale)}
                    </Link>
                    <Badge variant="secondary">{t(`common.roles.${o.role}`)}</Badge>
                    {o.organizationId === viewer.active?.organizationId ? <Badge variant="outline">{t("account.profile.active")}</Badge> : null}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {user.isPlatformAdmin ? (
            <>
              <dt className="sr-only">{t("common.admin")}</dt>
              <dd className="sm:col-start-2">
                <Badge>{t("account.profile.platformAdmin")}</Badge>
              </dd>
            </>
          ) : null}
        </dl>
      </Section>

      <Section title={t("account.language.title")} description={t("account.language.description")}>
        <LanguagePreference />
      </Section>

      <Section title={t("account.export.title")} description={t("account.export.description")}>
        <ExportDataButton />
      </Section>

      <Section title={t("account.session.title")} description={t("account.session.description")}>
        <SignOutButton />
      </Section>

      <Section title={t("account.delete.title")} description={t("account.delete.description")} danger testId="account-delete">
        <div className="flex flex-col gap-4">
          <p className="text-sm text-muted-foreground">{t("account.delete.ownerNote")}</p>
          <DeleteAccount />
        </div>
      </Section>
    </div>
  );
}
