import "server-only";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { organizationRouter } from "./routers/organization";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  organization: organizationRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
