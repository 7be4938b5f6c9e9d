import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { loadInvitation, orgDisplayName } from "@/components/auth/invitation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signUp");
  return { title: t("metaTitle") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const token = Array.isArray(sp.invite) ? sp.invite[0] : sp.invite;
  if (await getViewer()) redirect(token ? `/invite/${encodeURIComponent(token)}` : "/my/organization");
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const preview = token ? await loadInvitation(token) : null;
  const invitation = preview?.ok ? preview.invitation : null;
  return (
    <AuthCard
      wide
      title={invitation ? t("auth.signUp.inviteTitle") : t("auth.signUp.title")}
      description={
        invitation
          ? t("auth.signUp.inviteDescription", { organization: orgDisplayName(invitation.organization, locale), role: t(`common.roles.${invitation.role}`) })
          : t("auth.signUp.description")
      }
    >
      {preview && !preview.ok ? (
        <Alert variant="error" className="mb-6" data-testid="invite-error">
          {t("auth.signUp.inviteInvalid", { reason: t(preview.errorKey) })}
        </Alert>
      ) : null}
      <SignUpForm
        invitation={invitation && token ? { token, email: invitation.email } : null}
        // No SMS gateway is configurable yet, so codes always wait in the outbox for an admin.
        smsOutbox
      />
    </AuthCard>
  );
}
