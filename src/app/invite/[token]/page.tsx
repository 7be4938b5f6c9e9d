import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AcceptInvitationButton } from "@/components/auth/accept-invitation-button";
import { AuthCard } from "@/components/auth/auth-card";
import { loadInvitation, orgDisplayName } from "@/components/auth/invitation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.invite");
  return { title: t("metaTitle") };
}

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const [t, locale, format, viewer, result] = await Promise.all([getTranslations(), getLocale(), getFormatter(), getViewer(), loadInvitation(token)]);

  if (!result.ok) {
    return (
      <AuthCard title={t("auth.invite.invalidTitle")}>
        <div className="flex flex-col gap-5">
          <Alert variant="error" data-testid="invite-error">
            {t(result.errorKey)}
          </Alert>
          <Button asChild variant="outline">
            <Link href="/">{t("auth.invite.home")}</Link>
          </Button>
        </div>
      </AuthCard>
    );
  }

  const { invitation } = result;
  const orgName = orgDisplayName(invitation.organization, locale);
  const here = `/invite/${encodeURIComponent(token)}`;
  const facts = [
    { label: t("auth.invite.organization"), value: orgName, testId: "invite-organization" },
    { label: t("auth.invite.type"), value: t(`common.orgTypes.${invitation.organization.type}`) },
    { label: t("auth.invite.role"), value: t(`common.roles.${invitation.role}`), testId: "invite-role" },
    { label: t("auth.invite.email"), value: invitation.email, testId: "invite-email" },
    { label: t("auth.invite.expires"), value: format.dateTime(invitation.expiresAt, { dateStyle: "long", timeStyle: "short" }) },
  ];

  return (
    <AuthCard title={t("auth.invite.title", { organization: orgName })} description={t("auth.invite.description")}>
      <div className="flex flex-col gap-6">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-3 text-sm">
          {facts.map((f) => (
            <div key={f.label} className="contents">
              <dt className="text-muted-foreground">{f.label}</dt>
              <dd className="break-words font-medium" data-testid={f.testId}>
                {f.value}
              </dd>
            </div>
          ))}
        </dl>
        {viewer ? (
          <div className="flex flex-col gap-3 border-t pt-5">
            <p className="text-sm text-muted-foreground">{t("auth.invite.signedInAs", { name: viewer.user.name })}</p>
            {viewer.user.email !== invitation.email ? <Alert variant="info">{t("auth.invite.emailMismatch")}</Alert> : null}
            <AcceptInvitationButton token={token} />
          </div>
        ) : (
          <div className="flex flex-col gap-4 border-t pt-5">
            <div className="flex flex-col gap-2">
              <p className="text-sm text-muted-foreground">{t("auth.invite.newHere")}</p>
              <Button asChild size="lg">
                <Link href={`/signup?invite=${encodeURIComponent(token)}`} data-testid="invite-signup">
                  {t("auth.invite.signUp")}
                </Link>
              </Button>
            </div>
            <div className="flex flex-col gap-2">
              <p className="text-sm text-muted-foreground">{t("auth.invite.haveAccount")}</p>
              <Button asChild variant="outline" size="lg">
                <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}`} data-testid="invite-signin">
                  {t("auth.invite.signIn")}
                </Link>
              </Button>
            </div>
          </div>
        )}
      </div>
    </AuthCard>
  );
}
