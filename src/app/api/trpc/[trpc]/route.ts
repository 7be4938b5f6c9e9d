import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "@/env";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { clientIp, getSessionUserId } from "@/server/auth/options";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () =>
      createContext({ db: await getDb(), userId: await getSessionUserId(), ip: clientIp(req.headers), baseUrl: env.NEXTAUTH_URL }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
