import { Menu } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { Button } from "@/components/ui/button";
import type { ResolvedSession } from "@/server/services/accounts";
import { LanguageSwitch } from "./language-switch";
import { NavLinks, type NavItem } from "./nav-links";
import { UserMenu } from "./user-menu";

export async function Header({ viewer }: { viewer: ResolvedSession | null }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const items: NavItem[] = [
    { href: "/search", label: t("search.nav") },
    { href: "/listings", label: t("nav.listings") },
    { href: "/demands", label: t("nav.demands") },
    { href: "/capacity", label: t("nav.capacity") },
    { href: "/clusters", label: t("nav.clusters") },
    // A member's own trade: inquiries (quotes) and orders of the active organisation.
    ...(viewer?.active
      ? [
          { href: "/my/inquiries", label: t("nav.inquiries") },
          { href: "/deals", label: t("nav.deals") },
        ]
      : []),
    // Service centres broker (issue 6): their introductions and their city's figures; admins see the province's.
    ...(viewer?.active?.type === "service_center" ? [{ href: "/my/introductions", label: t("introductions.mine.title") }] : []),
    // …and the firms they manage (代管, docs/managed-profiles.md).
    ...(viewer?.active?.type === "service_center" ? [{ href: "/my/managed", label: t("managed.nav") }] : []),
    ...(viewer?.active?.type === "service_center" || viewer?.user.isPlatformAdmin ? [{ href: "/analytics", label: t("analytics.title") }] : []),
    { href: "/my/organization", label: t("nav.myOrganization") },
  ];
  const orgName = (o: { nameZh: string; nameEn: string | null }) => (locale === "en" && o.nameEn ? o.nameEn : o.nameZh);
  const auth = viewer ? (
    <UserMenu
      viewer={{
        name: viewer.user.name,
        isPlatformAdmin: viewer.user.isPlatformAdmin,
        activeOrganizationId: viewer.active?.organizationId ?? null,
        organizations: viewer.organizations.map((o) => ({ organizationId: o.organizationId, name: orgName(o), role: o.role })),
      }}
    />
  ) : (
    <div className="flex items-center gap-2">
      <Button asChild variant="ghost" size="sm">
        <Link href="/signin">{t("common.signIn")}</Link>
      </Button>
      <Button asChild size="sm">
        <Link href="/signup">{t("common.signUp")}</Link>
      </Button>
    </div>
  );
  return (
    <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-4 px-4">
        <Link href="/" className="flex shrink-0 items-baseline gap-2 whitespace-nowrap font-semibold text-primary" aria-label={`${t("common.appName")} ${t("common.appNameEn")}`}>
          <span className="text-xl tracking-wide">{t("common.appName")}</span>
          <span className="hidden text-sm font-medium text-muted-foreground sm:inline">{t("common.appNameEn")}</span>
        </Link>
        <nav aria-label={t("nav.main")} className="hidden flex-1 xl:block">
          <NavLinks items={items} className="flex items-center gap-1" />
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-1 sm:gap-2 xl:ml-0">
          <LanguageSwitch />
          {viewer ? <NotificationBell /> : null}
          {auth}
          <details className="relative xl:hidden">
            <summary className="flex h-9 w-9 cursor-pointer list-none items-center justify-center rounded-md border" aria-label={t("common.menu")}>
              <Menu className="h-5 w-5" aria-hidden="true" />
            </summary>
            <nav aria-label={t("nav.main")} className="absolute right-0 mt-2 w-56 rounded-md border bg-background p-2 shadow-lg">
              <NavLinks items={items} className="flex flex-col gap-1" />
            </nav>
          </details>
        </div>
      </div>
    </header>
  );
}
