import "server-only";
import { generateCertificates, type SeedCertificate } from "./certificates";
import { generateDemand, type SeedDemand } from "./demands";
import { generateFirms, usccSource, type SeedFirm } from "./firms";
import { generateListing, type SeedListing } from "./listings";
import { createRng, shanghaiDate, type Rng } from "./rng";

export interface SeedMarket {
  today: string;
  firms: SeedFirm[];
  certificates: SeedCertificate[];
  listings: SeedListing[];
  /** Listing id → certificate ids backing it. */
  listingCertificates: { listingId: string; certificationId: string }[];
  demands: SeedDemand[];
}

export type DemoFirmInput = Omit<SeedFirm, "id" | "uscc">;

/**
 * The whole demo market as plain rows. Names, codes and figures depend only on the fixed seed;
 * dates follow `now` (its calendar day in Asia/Shanghai), so the market always looks current.
 */
export function generateMarket(now: Date, demoFirms: DemoFirmInput[]): SeedMarket {
  const today = shanghaiDate(now);
  // Separate streams, so adding a listing field does not rename every firm.
  const firmRng = createRng(0x5d0e_2026);
  const nextUscc = usccSource(createRng(0x0dd_c0de));
  const demo: SeedFirm[] = demoFirms.map((f) => ({ ...f, id: firmRng.uuid(), uscc: nextUscc() }));
  const firms = [...demo, ...generateFirms(firmRng, today, nextUscc)];

  const certRng = createRng(0xce27);
  const certificates = firms.flatMap((f, i) => generateCertificates(certRng, f, i, today));

  const listingRng = createRng(0x1157);
  const listings: SeedListing[] = [];
  firms.forEach((firm, i) => {
    if (firm.profiles.length === 0) return;
    const n = firm.demoEmail ? 3 + firm.profiles.length : firm.type === "anchor" ? listingRng.int(4, 6) : listingRng.weighted([[1, 25], [2, 40], [3, 25], [4, 10]] as const);
    const used = new Set<string>();
    for (let k = 0; k < n; k++) {
      // Each line of work gets one listing first, then the main line gets the rest.
      const key = k < firm.profiles.length ? firm.profiles[k]! : listingRng.chance(0.7) ? firm.profiles[0]! : listingRng.pick(firm.profiles);
      listings.push(generateListing(listingRng, firm, i, key, used, today));
    }
  });

  const certsByFirm = new Map<number, SeedCertificate[]>();
  for (const c of certificates) certsByFirm.set(c.firm, [...(certsByFirm.get(c.firm) ?? []), c]);
  const listingCertificates = listings.flatMap((l) =>
    (certsByFirm.get(l.firm) ?? [])
      .filter((c) => c.chainLinks.includes(l.chainLink) && listingRng.chance(0.6))
      .map((c) => ({ listingId: l.id, certificationId: c.id })),
  );

  const demands = generateDemands(createRng(0xde3a), firms, today);
  return { today, firms, certificates, listings, listingCertificates, demands };
}

function generateDemands(rng: Rng, firms: SeedFirm[], today: string): SeedDemand[] {
  const anchors = firms.map((f, i) => [f, i] as const).filter(([f]) => f.type === "anchor");
  const smes = firms.map((f, i) => [f, i] as const).filter(([f]) => f.type === "sme");
  const demoAnchor = firms.findIndex((f) => f.demoEmail?.startsWith("anchor@"));
  const demoKids = firms.findIndex((f) => f.demoEmail?.startsWith("kids@"));
  const out: SeedDemand[] = [];
  const statuses: [SeedDemand["status"], number][] = [["open", 125], ["expired", 10], ["closed", 8], ["awarded", 7]];
  for (const [status, count] of statuses) {
    for (let k = 0; k < count; k++) {
      // The demo anchor posts a handful of each, so its owner sees a populated account.
      const [buyer, index] =
        k < 6 && demoAnchor >= 0 && (status === "open" || k < 2)
          ? [firms[demoAnchor]!, demoAnchor]
          : k === 6 && demoKids >= 0 && status === "open"
            ? [firms[demoKids]!, demoKids]
            : rng.chance(0.75) ? rng.pick(anchors) : rng.pick(smes);
      out.push(generateDemand(rng, buyer, index, today, status));
    }
  }
  return out;
}
