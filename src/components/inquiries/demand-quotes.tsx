import { Scale } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ComparisonTable } from "./comparison-table";
import { loadDemandInquiries } from "./load";

/**
 * 报价对比 on the buyer's demand page: every inquiry of the demand with the supplier's latest
 * quote. Awarding is offered while the demand is open (or past its deadline, when quotes are in).
 */
export async function DemandQuotes({ demandId, canAward }: { demandId: string; canAward: boolean }) {
  const [t, data] = await Promise.all([getTranslations("inquiries.compare"), loadDemandInquiries(demandId)]);
  if (!data) return null;
  const awardOpen = canAward && (data.demand.status === "open" || data.demand.status === "expired");
  return (
    <Card aria-labelledby="compare-title" data-testid="compare">
      <CardHeader>
        <CardTitle id="compare-title" className="flex items-center gap-2">
          <Scale className="h-5 w-5 text-primary" aria-hidden="true" />
          {t("title")}
        </CardTitle>
        <p className="text-sm text-muted-foreground">{t("description")}</p>
      </CardHeader>
      <CardContent>
        {data.rows.length === 0 ? (
          <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground" data-testid="compare-empty">
            {t("empty")}
          </p>
        ) : (
          <ComparisonTable rows={data.rows} canAward={awardOpen} requiredCertifications={data.demand.requiredCertifications} />
        )}
      </CardContent>
    </Card>
  );
}
