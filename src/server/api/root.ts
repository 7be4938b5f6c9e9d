import "server-only";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { bankTransferRouter } from "./routers/bank-transfer";
import { billingRouter } from "./routers/billing";
import { certificationRouter } from "./routers/certification";
import { clusterRouter } from "./routers/cluster";
import { analyticsRouter } from "./routers/analytics";
import { dealRouter } from "./routers/deal";
import { demandRouter } from "./routers/demand";
import { importsRouter } from "./routers/imports";
import { inquiryRouter } from "./routers/inquiry";
import { introductionRouter } from "./routers/introduction";
import { listingRouter } from "./routers/listing";
import { managedRouter } from "./routers/managed";
import { matchRouter } from "./routers/match";
import { notificationRouter } from "./routers/notification";
import { onboardingRouter } from "./routers/onboarding";
import { organizationRouter } from "./routers/organization";
import { savedSearchRouter } from "./routers/savedSearch";
import { searchRouter } from "./routers/search";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  organization: organizationRouter,
  admin: adminRouter,
  listing: listingRouter,
  certification: certificationRouter,
  demand: demandRouter,
  imports: importsRouter,
  match: matchRouter,
  notification: notificationRouter,
  savedSearch: savedSearchRouter,
  search: searchRouter,
  inquiry: inquiryRouter,
  deal: dealRouter,
  introduction: introductionRouter,
  analytics: analyticsRouter,
  onboarding: onboardingRouter,
  cluster: clusterRouter,
  billing: billingRouter,
  managed: managedRouter,
  bankTransfer: bankTransferRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
