import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { env } from "@/env";
import { createCaller } from "./api/root";
import { createContext } from "./api/trpc";
import { clientIp, getSessionUserId } from "./auth/options";
import { getDb } from "./db/client";

/** One tRPC context per server request, shared by the layout, the page and the i18n config. */
export const getRequestContext = cache(async () => {
  const [db, userId, h] = await Promise.all([getDb(), getSessionUserId(), headers()]);
  return createContext({ db, userId, ip: clientIp(h), baseUrl: env.NEXTAUTH_URL });
});

/** The server-side tRPC caller for server components. */
export const getServerCaller = cache(async () => createCaller(await getRequestContext()));

/** The signed-in user with organisations and role, or null. */
export const getViewer = cache(async () => (await getRequestContext()).session);
