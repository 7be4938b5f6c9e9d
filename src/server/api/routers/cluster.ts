import "server-only";
import { z } from "zod";
import { cityFigures, clustersOverview } from "../../services/cluster-figures";
import { publicProcedure, router } from "../trpc";

/** Issue 6: the public, aggregated figures of the cluster pages (/clusters, /clusters/[adcode]). */
export const clusterRouter = router({
  city: publicProcedure.input(z.object({ adcode: z.string().regex(/^\d{6}$/) })).query(({ ctx, input }) => cityFigures({ ctx, adcode: input.adcode })),
  overview: publicProcedure.query(({ ctx }) => clustersOverview({ ctx })),
});
