import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth/options";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: RouteContext) {
  return NextAuth(req as never, { params: await ctx.params } as never, getAuthOptions());
}

export { handler as GET, handler as POST };
