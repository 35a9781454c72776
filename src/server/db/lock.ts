/**
 * PGlite has no cross-process locking, so the server holds a lock on its data
 * directory: a second process on the same directory stops at once with a clear message.
 */
import fs from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

/** Takes the lock; resolves to the function that releases it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "giga-chat.lock");
  try {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: 10_000,
      update: 2_000,
      onCompromised: (err) => {
        throw err;
      },
    });
    return release;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new DataDirLockedError(
        `Another Giga Chat process is using the data directory ${path.resolve(dataDir)}. ` +
          "Stop it first, or set DATA_DIR to a different directory. " +
          "(If that process crashed, the lock frees itself within 10 seconds.)",
      );
    }
    throw err;
  }
}
