import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { OrganizationCreateForm } from "@/components/org/organization-create-form";
import { Card, CardContent } from "@/components/ui/card";
import { getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("org.create");
  return { title: t("title") };
}

export default async function NewOrganizationPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/organization/new");
  const t = await getTranslations("org.create");
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-2">
      {viewer.organizations.length > 0 ? (
        <Link href="/my/organization" className="self-start text-sm text-muted-foreground underline-offset-4 hover:text-primary hover:underline">
          ← {t("back")}
        </Link>
      ) : null}
      <PageHeader title={t("title")} description={t(viewer.organizations.length > 0 ? "descriptionAnother" : "descriptionFirst")} />
      <Card aria-label={t("title")}>
        <CardContent className="p-6">
          <OrganizationCreateForm />
        </CardContent>
      </Card>
    </div>
  );
}
