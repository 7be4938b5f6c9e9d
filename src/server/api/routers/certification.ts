import "server-only";
import { router } from "../trpc";

export const certificationRouter = router({});
