import "server-only";
import { router } from "../trpc";

/** docs/deals.md — procedures arrive with issue 5's services. */
export const dealRouter = router({});
