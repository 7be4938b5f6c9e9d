import { eq } from "drizzle-orm";
import { callerFor } from "@/test/factories";
import { notificationPreferences, notifications, savedSearches } from "../../../db/schema";
import { notify } from "../../notifications";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * The notification centre and saved searches are personal: B has a notification, a preference and
 * a saved search (each naming the secret); A may list, read, toggle or delete only its own.
 */
export function notificationCases(fx: IsolationFixture): IsolationCases {
  const ids = { notification: "", saved: "" };
  return {
    async setup() {
      await fx.db.transaction((tx) =>
        notify(tx, { userIds: [fx.b.userId], kind: "demandFit", params: { title: fx.secret, listing: fx.secret, score: 90 }, link: "/demands/x", dedupeKey: `iso:${fx.secret}` }),
      );
      const [n] = await fx.db.select().from(notifications).where(eq(notifications.userId, fx.b.userId));
      ids.notification = n!.id;
      const b = await callerFor(fx.db, fx.b.userId);
      await b.notification.setPreference({ kind: "savedSearch", inApp: true, email: false });
      ids.saved = (await b.savedSearch.create({ name: `搜索 ${fx.secret}`, query: { entity: "listing", q: fx.secret, filters: { chainLink: ["spinning"] } } })).id;
    },
    attempts: {
      "notification.list": (c) => c.notification.list({}),
      "notification.unreadCount": (c) => c.notification.unreadCount(),
      "notification.markRead": (c) => c.notification.markRead({ id: ids.notification }),
      "notification.markAllRead": (c) => c.notification.markAllRead(),
      "notification.preferences": (c) => c.notification.preferences(),
      "notification.setPreference": (c) => c.notification.setPreference({ kind: "savedSearch", inApp: false, email: true }),
      "savedSearch.list": (c) => c.savedSearch.list(),
      "savedSearch.create": (c) => c.savedSearch.create({ name: "我的搜索", query: { entity: "demand", q: "", filters: {} } }),
      "savedSearch.rename": (c) => c.savedSearch.rename({ id: ids.saved, name: "篡改" }),
      "savedSearch.setAlert": (c) => c.savedSearch.setAlert({ id: ids.saved, alert: false }),
      "savedSearch.delete": (c) => c.savedSearch.delete({ id: ids.saved }),
    },
    mustRefuse: ["notification.markRead", "savedSearch.rename", "savedSearch.setAlert", "savedSearch.delete"],
    async snapshot() {
      return {
        notifications: await fx.db.select().from(notifications).where(eq(notifications.userId, fx.b.userId)),
        preferences: await fx.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, fx.b.userId)),
        saved: await fx.db.select().from(savedSearches).where(eq(savedSearches.userId, fx.b.userId)),
      };
    },
  };
}
