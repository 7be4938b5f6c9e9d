import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library defaults (19 MiB, t=2), the OWASP baseline.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check so a missing account is not revealed by timing.
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3bQ0o6b1RSmKnsbVEc6bKdV2gmsBQOiRn2IN3EsgeoA";
