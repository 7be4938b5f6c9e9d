import { Building2, ExternalLink, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { ManagedConsentsCard } from "@/components/managed/managed-consents-card";
import { dateFormat, orgAltName, orgName, placeName } from "@/components/org/display";
import { FactList } from "@/components/org/fact-list";
import { InvitePanel } from "@/components/org/invite-panel";
import { LicenseUpload } from "@/components/org/license-upload";
import { MembersPanel, RoleBadge } from "@/components/org/members-panel";
import { OrganizationEditForm } from "@/components/org/organization-edit-form";
import { OrganizationProfileView } from "@/components/org/organization-profile-view";
import { OrganizationSwitcher } from "@/components/org/organization-switcher";
import { VerificationStateBadge } from "@/components/org/verification-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/domain/taxonomy";
import { env } from "@/env";
import { getServerCaller, getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("org.my");
  return { title: t("metaTitle") };
}

export default async function MyOrganizationPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/my/organization");
  const [t, tc, locale, format] = await Promise.all([getTranslations("org"), getTranslations("common"), getLocale() as Promise<Locale>, getFormatter()]);

  if (!viewer.active) {
    return (
      <div>
        <PageHeader title={t("my.metaTitle")} />
        <EmptyState
          icon={<Building2 className="h-10 w-10" />}
          title={t("my.noOrgTitle")}
          body={t("my.noOrgBody")}
          action={
            <Button asChild>
              <Link href="/my/organization/new" data-testid="create-organization-link">
                <Plus className="h-4 w-4" aria-hidden="true" />
                {t("my.createFirst")}
              </Link>
            </Button>
          }
        />
      </div>
    );
  }

  const role = viewer.active.role;
  const canManage = role === "owner" || role === "admin";
  const caller = await getServerCaller();
  const [org, members, invitations] = await Promise.all([
    caller.organization.mine(),
    caller.organization.members(),
    canManage ? caller.organization.invitations() : Promise.resolve([]),
  ]);
  const justCreated = (await searchParams).created === "1";
  const altName = orgAltName(org, locale);

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={
          <span className="break-words" data-testid="my-org-name">
            {orgName(org, locale)}
          </span>
        }
        description={altName ?? t("my.description")}
        actions={
          <>
            {viewer.organizations.length > 1 ? (
              <OrganizationSwitcher
                key={org.id}
                activeId={org.id}
                organizations={viewer.organizations.map((o) => ({ id: o.organizationId, name: orgName(o, locale) }))}
              />
            ) : null}
            <div className="flex flex-wrap items-end gap-2">
              <Button asChild variant="outline">
                <Link href={`/org/${org.id}`} data-testid="public-page-link">
                  <ExternalLink className="h-4 w-4" aria-hidden="true" />
                  {t("my.viewPublic")}
                </Link>
              </Button>
              <Button asChild variant="ghost">
                <Link href="/my/organization/new">
                  <Plus className="h-4 w-4" aria-hidden="true" />
                  {t("my.createAnother")}
                </Link>
              </Button>
            </div>
          </>
        }
      />
      {justCreated ? <Alert variant="success">{t("my.created")}</Alert> : null}

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:order-2">
          <Card aria-labelledby="overview-title" data-testid="organization-overview">
            <CardHeader>
              <CardTitle id="overview-title">{t("my.overview")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              <FactList
                className="sm:grid-cols-1"
                facts={[
                  { id: "verification", label: t("fields.verification"), value: <VerificationStateBadge state={org.verificationState} /> },
                  { id: "type", label: t("fields.type"), value: tc(`orgTypes.${org.type}`) },
                  { id: "role", label: t("my.yourRole"), value: <RoleBadge role={role} /> },
                  { id: "location", label: t("fields.location"), value: placeName(org, locale) },
                  { id: "member-since", label: t("fields.memberSince"), value: format.dateTime(org.createdAt, dateFormat) },
                  { id: "members", label: t("my.memberCount"), value: String(members.length) },
                ]}
              />
              <Link href={`/org/${org.id}`} className="inline-flex items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline">
                {t("my.viewPublicHint")}
              </Link>
            </CardContent>
          </Card>

          <Card aria-labelledby="license-title">
            <CardHeader>
              <CardTitle id="license-title">{t("license.title")}</CardTitle>
            </CardHeader>
            <CardContent>
              <LicenseUpload key={org.id} canManage={canManage} licenseFileId={org.licenseFileId} state={org.verificationState} note={org.verificationNote} />
            </CardContent>
          </Card>

          {/* 服务中心代管 (docs/managed-profiles.md): firms' owners and admins decide. */}
          {canManage && (org.type === "sme" || org.type === "anchor") ? <ManagedConsentsCard key={org.id} /> : null}
        </div>

        <Card className="lg:order-1 lg:col-span-2" aria-labelledby="profile-title">
          <CardHeader>
            <CardTitle id="profile-title">{t("my.profile")}</CardTitle>
            <CardDescription>{canManage ? t("my.profileEditable") : t("my.profileReadOnly")}</CardDescription>
          </CardHeader>
          <CardContent>
            {canManage && org.type !== "platform" ? (
              // Keyed by organisation: the form keeps its values across refreshes, which must not
              // carry one organisation's profile into another after a switch.
              <OrganizationEditForm key={org.id} organization={{ ...org, type: org.type }} />
            ) : (
              <OrganizationProfileView org={org} locale={locale} />
            )}
          </CardContent>
        </Card>
      </div>

      <section aria-labelledby="team-title" className="flex flex-col gap-4">
        <h2 id="team-title" className="text-xl font-semibold">
          {t("members.teamTitle")}
        </h2>
        <div className="grid items-start gap-6 lg:grid-cols-5">
          <Card className={canManage ? "lg:col-span-3" : "lg:col-span-5"} aria-labelledby="members-title">
            <CardHeader>
              <CardTitle id="members-title">{t("members.title", { count: members.length })}</CardTitle>
              <CardDescription>{t(`members.permissions.${role}`)}</CardDescription>
            </CardHeader>
            <CardContent>
              <MembersPanel key={org.id} members={members} viewerRole={role} viewerUserId={viewer.user.id} />
            </CardContent>
          </Card>
          {canManage ? (
            <Card className="lg:col-span-2" aria-labelledby="invite-title">
              <CardHeader>
                <CardTitle id="invite-title">{t("invite.title")}</CardTitle>
                <CardDescription>{t("invite.description")}</CardDescription>
              </CardHeader>
              <CardContent>
                <InvitePanel key={org.id} invitations={invitations} viewerRole={role} mailDelivered={Boolean(env.SMTP_URL)} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      </section>
    </div>
  );
}
