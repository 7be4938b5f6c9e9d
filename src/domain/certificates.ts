/**
 * Whether a certificate counts on a given day. Rejected certificates never count; an expired one
 * (valid_to before the day) or one not yet in force (valid_from after it) does not count that day.
 * Pending and verified certificates inside their dates count: verification adds trust, it is not a
 * condition. Dates are YYYY-MM-DD in Asia/Shanghai, compared as strings.
 */
export interface CertificateValidityInput {
  verificationState: string;
  validFrom: string | null;
  validTo: string | null;
}

export type CertificateStatus = "valid" | "expired" | "rejected" | "notYetValid";

export function certificateStatus(cert: CertificateValidityInput, onDate: string): CertificateStatus {
  if (cert.verificationState === "rejected") return "rejected";
  if (cert.validTo !== null && cert.validTo < onDate) return "expired";
  if (cert.validFrom !== null && cert.validFrom > onDate) return "notYetValid";
  return "valid";
}

export function isCertificateValid(cert: CertificateValidityInput, onDate: string): boolean {
  return certificateStatus(cert, onDate) === "valid";
}

/** Today's date in China (YYYY-MM-DD). */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
