import { eq, inArray } from "drizzle-orm";
import { callerFor, createMember, demandValues, listingValues, quoteValues } from "@/test/factories";
import { demands, inquiries, inquiryMessages, inquiryReads, quotes } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Inquiries: B runs an invited demand (secret title) with an inquiry to a supplier C, who quoted
 * (secret notes) and wrote in the thread (secret message). A, a third party, tries every inquiry
 * procedure on B's demand, inquiry and quote: NOT_FOUND each time, and its own list shows nothing.
 */
export function inquiryCases(fx: IsolationFixture): IsolationCases {
  const ids = { demand: "", inquiry: "", quote: "", message: "", listing: "" };
  const quote = quoteValues();
  return {
    async setup() {
      const c = await createMember(fx.db);
      const b = await callerFor(fx.db, fx.b.userId);
      const cc = await callerFor(fx.db, c.userId);
      ids.listing = (await cc.listing.create({ values: listingValues("供方精梳纱"), publish: true })).id;
      ids.demand = (await b.demand.create(demandValues(`询价 ${fx.secret}`, { visibility: "invited", text: fx.secret }))).id;
      ids.inquiry = (await b.inquiry.invite({ demandId: ids.demand, listingIds: [ids.listing], note: fx.secret })).inquiryIds[0]!;
      ids.quote = (await cc.inquiry.quote({ inquiryId: ids.inquiry, quote: { ...quote, notes: fx.secret } })).quoteId;
      ids.message = (await cc.inquiry.sendMessage({ inquiryId: ids.inquiry, body: `消息 ${fx.secret}`, attachmentFileIds: [] })).id;
    },
    attempts: {
      "inquiry.invite": (c) => c.inquiry.invite({ demandId: ids.demand, listingIds: [ids.listing] }),
      "inquiry.respond": (c) => c.inquiry.respond({ demandId: ids.demand, quote }),
      "inquiry.quote": (c) => c.inquiry.quote({ inquiryId: ids.inquiry, quote }),
      "inquiry.counter": (c) => c.inquiry.counter({ inquiryId: ids.inquiry, quote }),
      "inquiry.withdraw": (c) => c.inquiry.withdraw({ inquiryId: ids.inquiry, quoteId: ids.quote }),
      "inquiry.decline": (c) => c.inquiry.decline({ inquiryId: ids.inquiry }),
      "inquiry.award": (c) => c.inquiry.award({ inquiryId: ids.inquiry, quoteId: ids.quote }),
      "inquiry.get": (c) => c.inquiry.get({ inquiryId: ids.inquiry }),
      "inquiry.listMine": async (c) => [await c.inquiry.listMine({ side: "buyer" }), await c.inquiry.listMine({ side: "supplier" })],
      "inquiry.forDemand": (c) => c.inquiry.forDemand({ demandId: ids.demand }),
      "inquiry.messages": (c) => c.inquiry.messages({ inquiryId: ids.inquiry }),
      "inquiry.sendMessage": (c) => c.inquiry.sendMessage({ inquiryId: ids.inquiry, body: "你好", attachmentFileIds: [] }),
      "inquiry.markRead": (c) => c.inquiry.markRead({ inquiryId: ids.inquiry }),
    },
    mustRefuse: [
      "inquiry.invite",
      "inquiry.respond",
      "inquiry.quote",
      "inquiry.counter",
      "inquiry.withdraw",
      "inquiry.decline",
      "inquiry.award",
      "inquiry.get",
      "inquiry.forDemand",
      "inquiry.messages",
      "inquiry.sendMessage",
      "inquiry.markRead",
    ],
    async snapshot() {
      return {
        demand: await fx.db.select().from(demands).where(eq(demands.id, ids.demand)),
        inquiries: await fx.db.select().from(inquiries).where(eq(inquiries.demandId, ids.demand)),
        quotes: await fx.db.select().from(quotes).where(eq(quotes.inquiryId, ids.inquiry)),
        messages: await fx.db.select().from(inquiryMessages).where(inArray(inquiryMessages.inquiryId, [ids.inquiry])),
        reads: await fx.db.select().from(inquiryReads).where(eq(inquiryReads.inquiryId, ids.inquiry)),
      };
    },
  };
}
