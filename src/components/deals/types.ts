import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** deal.get as the pages receive it. */
export type DealDetail = inferRouterOutputs<AppRouter>["deal"]["get"];
export type DeliveryRecordView = inferRouterOutputs<AppRouter>["organization"]["deliveryRecord"];
