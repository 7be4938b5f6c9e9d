"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const t = useTranslations("account.session");
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="outline"
      disabled={pending}
      data-testid="account-sign-out"
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/" });
      }}
    >
      <LogOut className="h-4 w-4" aria-hidden="true" />
      {pending ? t("signingOut") : t("signOut")}
    </Button>
  );
}
