import { Building2 } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { dateFormat } from "@/components/org/display";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getServerCaller } from "@/server/viewer";
import { ClaimForm } from "./claim-form";

/**
 * 认领此企业 on the page of an organisation nobody owns yet (created by an import or a service
 * centre): sign in, upload the business licence and the USCC; a platform admin decides. Renders
 * nothing for an organisation with an owner.
 */
export async function ClaimButton({ organizationId }: { organizationId: string }) {
  const [caller, t, format] = await Promise.all([getServerCaller(), getTranslations("onboarding.claim"), getFormatter()]);
  const status = await caller.onboarding.claimStatus({ organizationId });
  if (!status.claimable) return null;
  const mine = status.mine;
  return (
    <Card aria-labelledby="claim-title" data-testid="claim-card">
      <CardHeader>
        <CardTitle id="claim-title" className="flex items-center gap-2">
          <Building2 className="h-5 w-5 text-primary" aria-hidden="true" />
          {t("title")}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
        {!status.signedIn ? (
          <Button asChild className="self-start">
            <Link href={`/signin?callbackUrl=${encodeURIComponent(`/org/${organizationId}`)}`} data-testid="claim-sign-in">
              {t("signIn")}
            </Link>
          </Button>
        ) : mine?.status === "pending" ? (
          <Alert variant="info" role="note" data-testid="claim-pending">
            {t("pending", { date: format.dateTime(mine.createdAt, dateFormat) })}
          </Alert>
        ) : (
          <>
            {mine?.status === "rejected" ? (
              <Alert variant="info" role="note" data-testid="claim-rejected">
                {t("rejected", { note: mine.note ?? "" })}
              </Alert>
            ) : null}
            <ClaimForm organizationId={organizationId} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
