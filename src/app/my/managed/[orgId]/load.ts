import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { getServerCaller, getViewer } from "@/server/viewer";

/**
 * The managed firm behind /my/managed/[orgId]/…: signed in, a service centre, and the firm managed
 * by it (consent or a profile it created); anything else is a 404, as another firm's pages are.
 */
export async function loadManagedFirm(orgId: string, path: string) {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (viewer.active?.type !== "service_center") notFound();
  const caller = await getServerCaller();
  const data = await caller.managed.firm({ organizationId: orgId }).catch((e: unknown) => {
    if (e instanceof TRPCError && ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(e.code)) notFound();
    throw e;
  });
  return { viewer, caller, ...data };
}
