import { Truck } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { chinaDate, dateFormat } from "@/components/org/display";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/domain/taxonomy";
import { cn } from "@/lib/utils";
import { formatQuantity } from "./display";
import { ShipForm } from "./ship-form";
import { ConfirmDelivery, QuantityDecision, ReceiveShipment } from "./shipment-controls";
import type { DealDetail } from "./types";

/**
 * Shipments against the order: each lot with carrier and tracking number and when it arrived,
 * totals against the ordered quantity and its ±tolerance band, and the next step for each side
 * (ship, receive, accept or reject a difference beyond the band, confirm delivery).
 */
export function ShippingPanel({ data }: { data: DealDetail }) {
  const t = useTranslations("deals.shipping");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const { deal, shipments, shipping, actions } = data;
  const q = (v: number) => formatQuantity(v, deal.quantityUnit, locale);
  const day = (iso: string) => format.dateTime(chinaDate(iso), dateFormat);
  const started = shipments.length > 0 || deal.stage === "shipped";
  return (
    <Card aria-labelledby="deal-shipping-title" id="deal-shipping" data-testid="deal-shipping">
      <CardHeader>
        <CardTitle id="deal-shipping-title" className="flex items-center gap-2">
          <Truck className="h-5 w-5 text-primary" aria-hidden="true" />
          {t("title")}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="shipping-totals">
          <div>
            <dt className="text-xs text-muted-foreground">{t("ordered")}</dt>
            <dd className="font-medium tabular-nums">{q(deal.quantityValue)}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("shippedTotal")}</dt>
            <dd className="font-medium tabular-nums" data-testid="shipped-total">
              {q(shipping.shipped)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("receivedTotal")}</dt>
            <dd className="font-medium tabular-nums" data-testid="received-total">
              {q(shipping.received)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("band", { pct: deal.tolerancePct })}</dt>
            <dd className="tabular-nums">
              {q(Math.max(0, shipping.band.min))} – {q(shipping.band.max)}
            </dd>
          </div>
        </dl>
        {shipping.shipments > 0 ? (
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="tolerance-status">
            <Badge variant={shipping.withinTolerance ? "success" : "warning"}>
              {shipping.withinTolerance
                ? t("within")
                : shipping.received < shipping.band.min
                  ? t("below", { quantity: q(shipping.band.min - shipping.received) })
                  : t("above", { quantity: q(shipping.received - shipping.band.max) })}
            </Badge>
            {deal.quantityDecision ? <Badge variant={deal.quantityDecision === "accepted" ? "success" : "destructive"}>{t(`decision.${deal.quantityDecision}`)}</Badge> : null}
            {shipping.inTransit > 0 ? <span className="text-muted-foreground">{t("inTransit", { count: shipping.inTransit })}</span> : null}
          </p>
        ) : null}

        {shipments.length ? (
          <div className="-mx-2 overflow-x-auto px-2" role="region" aria-label={t("tableCaption")} tabIndex={0}>
            <table className="w-full min-w-[36rem] text-sm" data-testid="shipment-table">
              <caption className="sr-only">{t("tableCaption")}</caption>
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground">
                  <th scope="col" className="py-2 pr-3 font-medium">{t("lot")}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("quantityShort")}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("shippedOn")}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("carrierAndTracking")}</th>
                  <th scope="col" className="py-2 font-medium">{t("receivedOn")}</th>
                </tr>
              </thead>
              <tbody>
                {shipments.map((s, i) => (
                  <tr key={s.id} className="border-b last:border-0 align-top" data-testid="shipment-row">
                    <th scope="row" className="py-2 pr-3 font-medium">
                      {t("lotNo", { n: i + 1 })}
                    </th>
                    <td className="py-2 pr-3 tabular-nums">{q(s.quantity)}</td>
                    <td className="py-2 pr-3 tabular-nums">{day(s.shippedOn)}</td>
                    <td className="py-2 pr-3 break-words">{[s.carrier, s.trackingNo].filter(Boolean).join(" · ") || "—"}</td>
                    <td className={cn("py-2", !s.receivedOn && "text-muted-foreground")}>
                      {s.receivedOn ? (
                        <span className="tabular-nums">{day(s.receivedOn)}</span>
                      ) : actions.receive ? (
                        <ReceiveShipment dealId={deal.id} shipmentId={s.id} shippedOn={s.shippedOn} label={t("receiveLot", { n: i + 1 })} />
                      ) : (
                        t("notReceived")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground" data-testid="shipments-empty">
            {started ? t("noneYet") : t("notYet")}
          </p>
        )}

        {actions.ship ? <ShipForm dealId={deal.id} unit={deal.quantityUnit} remaining={Math.max(0, deal.quantityValue - shipping.shipped)} /> : null}
        {actions.decideQuantity ? <QuantityDecision dealId={deal.id} /> : null}
        {actions.confirmDelivery ? <ConfirmDelivery dealId={deal.id} /> : null}
        {deal.deliveredAt ? (
          <p className="text-sm font-medium text-emerald-800" data-testid="delivered-at">
            {t("deliveredOn", { date: day(deal.deliveredAt) })}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
