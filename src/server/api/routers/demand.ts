import "server-only";
import { router } from "../trpc";

export const demandRouter = router({});
