import "server-only";
import fs from "node:fs";
import path from "node:path";

export class DatabaseLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database at ${path.dirname(lockFile)} is in use by another process (pid ${holderPid}), ` +
        `probably the running app. PGlite allows one process per data directory: stop that process first, ` +
        `or point DATABASE_URL at a PostgreSQL server.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM means the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<dir>.lock` with O_EXCL so that two processes can never open the same PGlite directory.
 * A lock left by a dead process is taken over. Returns the release function.
 */
export function acquireDirectoryLock(dir: string): () => void {
  const lockFile = `${path.resolve(dir)}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number.parseInt(fs.readFileSync(lockFile, "utf8").trim(), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid)) throw new DatabaseLockedError(lockFile, pid);
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}
