import "server-only";
import { TRPCError } from "@trpc/server";
import { cache } from "react";
import { getServerCaller } from "@/server/viewer";

/**
 * The demand's inquiries for its buyer (inquiry.forDemand), loaded once per request: the
 * comparison table and the shortlist's invitation states both read it. Null for anyone else.
 */
export const loadDemandInquiries = cache(async (demandId: string) => {
  try {
    return await (await getServerCaller()).inquiry.forDemand({ demandId });
  } catch (e) {
    if (e instanceof TRPCError && ["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"].includes(e.code)) return null;
    throw e;
  }
});
