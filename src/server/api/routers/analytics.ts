import "server-only";
import { analyticsInputSchema } from "@/domain/analytics/input";
import { analyticsOverview } from "../../services/analytics";
import { authedProcedure, router } from "../trpc";

/** Issue 6: figures for a service centre's city or, for platform admins, the province. */
export const analyticsRouter = router({
  overview: authedProcedure.input(analyticsInputSchema).query(({ ctx, input }) => analyticsOverview({ ctx, input })),
});
