import "server-only";
import { z } from "zod";
import { preferenceInputSchema } from "@/domain/notifications";
import { uuidSchema } from "@/domain/schemas/common";
import * as notifications from "../../services/notifications";
import { authedProcedure, router } from "../trpc";

/** The signed-in user's notification centre: always their own notifications and preferences. */
export const notificationRouter = router({
  list: authedProcedure
    .input(z.object({ page: z.number().int().min(1).max(1000).default(1), pageSize: z.number().int().min(1).max(50).default(notifications.PAGE_SIZE), unreadOnly: z.boolean().default(false) }).default({ page: 1, pageSize: notifications.PAGE_SIZE, unreadOnly: false }))
    .query(({ ctx, input }) => notifications.listNotifications({ ctx, ...input })),
  unreadCount: authedProcedure.query(({ ctx }) => notifications.unreadCount({ ctx })),
  markRead: authedProcedure.input(z.object({ id: uuidSchema })).mutation(({ ctx, input }) => notifications.markRead({ ctx, id: input.id })),
  markAllRead: authedProcedure.mutation(({ ctx }) => notifications.markAllRead({ ctx })),
  preferences: authedProcedure.query(({ ctx }) => notifications.getPreferences({ ctx })),
  setPreference: authedProcedure.input(preferenceInputSchema).mutation(({ ctx, input }) => notifications.setPreference({ ctx, input })),
});
