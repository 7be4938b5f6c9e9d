import { describe, expect, it } from "vitest";
import { checkUscc, isValidUscc, normalizeUscc, orgCodeCheckChar, randomValidUscc, USCC_ALPHABET, usccCheckChar } from "./uscc";

// Published codes of well-known companies. Each passes both the GB 32100 check (position 18) and
// the independent GB 11714 organisation-code check (position 17), which a mis-remembered code
// would fail with probability 1 - 1/341.
const REAL_CODES = [
  "914403001922038216",
  "91110108551385082Q",
  "91440300708461136T",
  "9144030071526726XG",
  "91330100799655058B",
  "911100001000044477",
  "91110000802100433B",
];

/** Deterministic rng (mulberry32) so generated codes are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces one character with a different one from the alphabet. */
function mutate(code: string, index: number): string {
  const current = USCC_ALPHABET.indexOf(code.charAt(index));
  const replacement = USCC_ALPHABET.charAt((current + 1) % USCC_ALPHABET.length);
  return code.slice(0, index) + replacement + code.slice(index + 1);
}

describe("checkUscc", () => {
  it.each(REAL_CODES)("accepts the real code %s", (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, value: code });
    expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
  });

  it("computes the check character of real codes", () => {
    for (const code of REAL_CODES) expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it("maps a weighted sum divisible by 31 to check character 0, not 31", () => {
    expect(usccCheckChar("00000000000000000")).toBe("0");
  });

  it("rejects a changed check character", () => {
    const code = "91440300708461136T";
    expect(checkUscc(mutate(code, 17))).toEqual({ ok: false, reason: "checksum" });
  });

  it("rejects a changed body character (single-character typo)", () => {
    for (let i = 1; i < 17; i++) expect(checkUscc(mutate("914403001922038216", i)).ok).toBe(false);
  });

  it("rejects wrong lengths", () => {
    expect(checkUscc("91440300708461136")).toEqual({ ok: false, reason: "length" });
    expect(checkUscc("91440300708461136TT")).toEqual({ ok: false, reason: "length" });
    expect(checkUscc("")).toEqual({ ok: false, reason: "length" });
  });

  it("rejects characters outside the alphabet (I, O, Z, S, V, punctuation)", () => {
    for (const bad of ["I", "O", "Z", "S", "V", "*"]) {
      expect(checkUscc(`9144030070846113${bad}T`)).toEqual({ ok: false, reason: "charset" });
    }
  });

  it("rejects an unknown registration authority even with a correct check character", () => {
    for (const authority of ["0", "H", "X"]) {
      const first17 = `${authority}1440300708461136`;
      expect(checkUscc(first17 + usccCheckChar(first17))).toEqual({ ok: false, reason: "registrationCode" });
    }
  });

  it("accepts every registration authority in use (1-9, A, N, Y)", () => {
    for (const authority of ["1", "2", "5", "9", "A", "N", "Y"]) {
      const first17 = `${authority}2370000708461136`;
      expect(checkUscc(first17 + usccCheckChar(first17)).ok).toBe(true);
    }
  });

  it("accepts lower-case, spaced, hyphenated and full-width input and returns the canonical form", () => {
    const canonical = "91110108551385082Q";
    for (const input of [
      "91110108551385082q",
      "  9111 0108 5513 8508 2Q ",
      "911101-08551385082-Q",
      "９１１１０１０８５５１３８５０８２Ｑ",
      "91110108\u3000551385082Q",
    ]) {
      expect(checkUscc(input)).toEqual({ ok: true, value: canonical });
    }
  });

  it("does not enforce the GB 11714 check at position 17", () => {
    const real = "914403001922038216";
    const first17 = mutate(real, 16).slice(0, 17);
    const code = first17 + usccCheckChar(first17);
    expect(orgCodeCheckChar(code.slice(8, 16))).not.toBe(code.charAt(16));
    expect(checkUscc(code)).toEqual({ ok: true, value: code });
  });
});

describe("normalizeUscc", () => {
  it("trims, removes inner spaces and dashes, folds width and case", () => {
    expect(normalizeUscc(" ９１ab-cd\u2014ef ")).toBe("91ABCDEF");
  });
});

describe("usccCheckChar", () => {
  it("refuses input that is not 17 code characters", () => {
    expect(() => usccCheckChar("9144030070846113")).toThrow(RangeError);
    expect(() => usccCheckChar("9144030070846113I")).toThrow(RangeError);
  });
});

describe("orgCodeCheckChar", () => {
  it("uses X for 10 and 0 for 11", () => {
    // 71526726 → X comes from a real code; 10000444 → 7 likewise.
    expect(orgCodeCheckChar("71526726")).toBe("X");
    expect(orgCodeCheckChar("10000444")).toBe("7");
    // Weighted sum 0 gives 11 - 0 = 11, written 0.
    expect(orgCodeCheckChar("00000000")).toBe("0");
  });
});

describe("randomValidUscc", () => {
  it("produces codes that pass both checks", () => {
    const rng = seeded(42);
    for (let i = 0; i < 500; i++) {
      const code = randomValidUscc(rng);
      expect(code).toMatch(/^9137\d{4}[0-9A-HJ-NPQRTUWXY]{10}$/);
      expect(isValidUscc(code)).toBe(true);
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
    }
  });

  it("is reproducible with a seeded rng", () => {
    expect(randomValidUscc(seeded(7))).toBe(randomValidUscc(seeded(7)));
    expect(randomValidUscc(seeded(7))).not.toBe(randomValidUscc(seeded(8)));
  });
});
