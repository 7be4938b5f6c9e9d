"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

export interface AdminTab {
  href: string;
  label: string;
}

/** Sub-page navigation styled as tabs; the current one is announced with aria-current. */
export function AdminTabs({ tabs, label }: { tabs: AdminTab[]; label: string }) {
  const pathname = usePathname();
  const tl = useTranslations();
  // Market moderation queues (issue 3), next to the tabs the layout lists.
  const all = tabs.some((tab) => tab.href === "/admin")
    ? [...tabs, { href: "/admin/certifications", label: tl("listings.admin.certificationsTab") }, { href: "/admin/reports", label: tl("listings.admin.reportsTab") }].filter(
        (tab, i, list) => list.findIndex((other) => other.href === tab.href) === i,
      )
    : tabs;
  return (
    <nav aria-label={label} className="-mx-4 overflow-x-auto px-4">
      <ul className="flex min-w-max gap-1 border-b">
        {all.map((tab) => {
          const current = tab.href === "/admin" ? pathname === "/admin" : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px inline-block border-b-2 border-transparent px-4 py-2.5 text-sm font-medium text-muted-foreground hover:text-foreground",
                  current && "border-primary text-primary",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
