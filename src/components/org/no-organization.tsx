import { Building2, Plus } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { EmptyState, PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

/** What a /my page shows to a signed-in user who belongs to no organisation yet: why, and where to start. */
export async function NoOrganizationPage({ title, reason, body, icon }: { title: ReactNode; reason: ReactNode; body?: ReactNode; icon?: ReactNode }) {
  const t = await getTranslations("org.my");
  return (
    <div>
      <PageHeader title={title} />
      <EmptyState
        icon={icon ?? <Building2 className="h-10 w-10" />}
        title={reason}
        body={body}
        action={
          <Button asChild>
            <Link href="/my/organization/new">
              <Plus className="h-4 w-4" aria-hidden="true" />
              {t("createFirst")}
            </Link>
          </Button>
        }
      />
    </div>
  );
}
