"use client";

import { useMutation } from "@tanstack/react-query";
import { Award, Building2, ChevronDown, ClipboardList, CreditCard, Factory, LogOut, Shield, Sparkles, Upload, User } from "lucide-react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";

export interface MenuViewer {
  name: string;
  isPlatformAdmin: boolean;
  activeOrganizationId: string | null;
  organizations: Array<{ organizationId: string; name: string; role: string }>;
}

// The active organisation's pages; bulk import is for owners and admins.
const orgLinks = [
  { href: "/my/listings", icon: Factory, label: "myListings", managersOnly: false },
  { href: "/my/demands", icon: ClipboardList, label: "myDemands", managersOnly: false },
  { href: "/my/matches", icon: Sparkles, label: "myMatches", managersOnly: false },
  { href: "/my/certifications", icon: Award, label: "myCertifications", managersOnly: false },
  { href: "/my/import", icon: Upload, label: "bulkImport", managersOnly: true },
  { href: "/billing", icon: CreditCard, label: "billing", managersOnly: false },
] as const;

const item = "flex cursor-pointer select-none items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-accent";

export function UserMenu({ viewer }: { viewer: MenuViewer }) {
  const t = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const switchOrg = useMutation(trpc.account.switchOrganization.mutationOptions({ onSuccess: () => router.refresh() }));
  const active = viewer.organizations.find((o) => o.organizationId === viewer.activeOrganizationId);
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="outline" size="sm" data-testid="user-menu" className="max-w-56" aria-label={`${t("account")}: ${viewer.name}`}>
          <User className="h-4 w-4" aria-hidden="true" />
          <span className="sr-only truncate sm:not-sr-only">{viewer.name}</span>
          <ChevronDown className="h-4 w-4" aria-hidden="true" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-60 rounded-md border bg-background p-1 shadow-lg">
          {active ? (
            <DropdownMenu.Label className="px-2 py-1.5 text-xs text-muted-foreground">
              {t("activeOrganization")}: <span className="font-medium text-foreground">{active.name}</span>
            </DropdownMenu.Label>
          ) : null}
          {viewer.organizations.length > 1 ? (
            <DropdownMenu.Group aria-label={t("switchOrganization")}>
              {viewer.organizations
                .filter((o) => o.organizationId !== viewer.activeOrganizationId)
                .map((o) => (
                  <DropdownMenu.Item key={o.organizationId} className={item} onSelect={() => switchOrg.mutate({ organizationId: o.organizationId })}>
                    <Building2 className="h-4 w-4" aria-hidden="true" />
                    {t("switchOrganization")}: {o.name}
                  </DropdownMenu.Item>
                ))}
              <DropdownMenu.Separator className="my-1 h-px bg-border" />
            </DropdownMenu.Group>
          ) : null}
          {active ? (
            <>
              <DropdownMenu.Item asChild className={item}>
                <Link href="/my/organization">
                  <Building2 className="h-4 w-4" aria-hidden="true" />
                  {active.name}
                </Link>
              </DropdownMenu.Item>
              {orgLinks
                .filter((l) => !l.managersOnly || active.role !== "member")
                .map(({ href, icon: Icon, label }) => (
                  <DropdownMenu.Item key={href} asChild className={item}>
                    <Link href={href}>
                      <Icon className="h-4 w-4" aria-hidden="true" />
                      {t(label)}
                    </Link>
                  </DropdownMenu.Item>
                ))}
              <DropdownMenu.Separator className="my-1 h-px bg-border" />
            </>
          ) : null}
          <DropdownMenu.Item asChild className={item}>
            <Link href="/account">
              <User className="h-4 w-4" aria-hidden="true" />
              {t("account")}
            </Link>
          </DropdownMenu.Item>
          {viewer.isPlatformAdmin ? (
            <DropdownMenu.Item asChild className={item}>
              <Link href="/admin">
                <Shield className="h-4 w-4" aria-hidden="true" />
                {t("admin")}
              </Link>
            </DropdownMenu.Item>
          ) : null}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item className={item} data-testid="sign-out" onSelect={() => void signOut({ callbackUrl: "/" })}>
            <LogOut className="h-4 w-4" aria-hidden="true" />
            {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
