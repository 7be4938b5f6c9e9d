import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { localPhone, parseAuthError, safeCallbackUrl } from "@/components/auth/auth-error";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { getViewer } from "@/server/viewer";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("metaTitle") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  const t = await getTranslations("auth.signIn");
  const registered = one(sp.registered);
  const phone = one(sp.phone);
  const error = one(sp.error);
  // Someone who came to accept an invitation signs up through the same invitation.
  const inviteToken = /^\/invite\/([\w-]+)$/.exec(callbackUrl)?.[1];
  const signUpHref = inviteToken ? `/signup?invite=${encodeURIComponent(inviteToken)}` : "/signup";
  return (
    <AuthCard
      title={t("title")}
      description={t("description")}
      footer={
        <>
          {t("noAccount")}{" "}
          <Link href={signUpHref} className="font-medium text-primary underline-offset-4 hover:underline" data-testid="signup-link">
            {t("signUpLink")}
          </Link>
        </>
      }
    >
      {registered ? (
        <Alert variant="success" className="mb-5" data-testid="signin-notice">
          {registered === "phone" ? t("registeredPhone") : t("registered")}
        </Alert>
      ) : null}
      <SignInForm
        callbackUrl={callbackUrl}
        initialTab={phone || registered === "phone" ? "phone" : "password"}
        initialPhone={phone ? localPhone(phone) : ""}
        initialError={error ? parseAuthError(error) : null}
        // No SMS gateway is configurable yet, so codes always wait in the outbox for an admin.
        smsOutbox
      />
    </AuthCard>
  );
}
