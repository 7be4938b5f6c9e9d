import type { callerFor, createMember } from "@/test/factories";
import type { Db } from "../../../db/types";

export type Caller = Awaited<ReturnType<typeof callerFor>>;
export type Member = Awaited<ReturnType<typeof createMember>>;

/** A is the attacker, B the victim; B's private text fields contain `secret`. */
export interface IsolationFixture {
  db: Db;
  a: Member;
  b: Member;
  secret: string;
}

/**
 * One file per area under isolation/: it creates B's private records, lists an attempt for each of
 * its procedures (keyed "router.procedure"), names those that must be refused outright, and
 * snapshots B's rows so the test can prove nothing changed.
 */
export interface IsolationCases {
  setup(fx: IsolationFixture): Promise<void>;
  attempts: Record<string, (c: Caller) => Promise<unknown>>;
  mustRefuse: string[];
  snapshot(fx: IsolationFixture): Promise<unknown>;
}
