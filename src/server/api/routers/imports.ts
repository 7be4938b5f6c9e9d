import "server-only";
import { z } from "zod";
import { listImportJobs, previewImport, runImport } from "../../services/imports-app";
import { orgProcedure, router } from "../trpc";

// 50 MB of file as base64 (4/3) plus a little slack; the service refuses larger files with a message.
const fileContent = z.string().min(1).max(70_000_000);

export const importsRouter = router({
  preview: orgProcedure.input(z.object({ contentBase64: fileContent })).mutation(({ ctx, input }) => previewImport({ ctx, input })),
  run: orgProcedure
    .input(z.object({ fileName: z.string().max(255).optional(), contentBase64: fileContent }))
    .mutation(({ ctx, input }) => runImport({ ctx, input })),
  jobs: orgProcedure.query(({ ctx }) => listImportJobs({ ctx })),
});
