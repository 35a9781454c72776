/**
 * PGlite has no cross-process locking, so the server holds a lock on its data
 * directory: a second process on the same directory stops at once with a clear message.
 *
 * The lock is the directory `giga-chat.lock`, created whole by renaming a prepared
 * directory onto that name (atomic: it fails while a lock is there). Its `owner.json`
 * says who holds it: pid, the process's start time (from /proc, so a reused pid is not
 * mistaken for the holder), the kernel's boot id and pid namespace (so pids are only
 * compared where they mean the same process) and a random token. The holder touches
 * the directory every 2 s.
 *
 * A lock whose holder is provably dead (same boot and pid namespace; the pid gone, a
 * zombie, or a different process with a different start time) is taken over at once.
 * Otherwise a lock untouched for 10 s is stale (a holder on another machine or in
 * another container that died) and taken over too. Anything else is refused.
 * Take-overs hold a second, short-lived lock (`giga-chat.lock.takeover`) while they
 * check and replace, so two processes starting together cannot both take it.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

export interface LockOwner {
  pid: number;
  /** Clock ticks since boot at which the process started (/proc/<pid>/stat, field 22). */
  startTime: string | null;
  bootId: string | null;
  pidNamespace: string | null;
  host: string;
  token: string;
  since: string;
}

export interface DataDirLock {
  /** Set when an earlier holder's lock was replaced: whose it was, and why it was safe. */
  takenOver: { owner: LockOwner | null; reason: "holder-dead" | "stale" } | null;
  /** The holder as written in the lock. */
  owner: LockOwner;
  release(): Promise<void>;
}

export interface LockOptions {
  /** A lock not touched for this long is stale whoever holds it (default 10 s). */
  staleMs?: number;
  /** How often the holder touches the lock (default 2 s). */
  updateMs?: number;
  /** Called when the lock was removed or taken by another process while held. */
  onCompromised?: (err: Error) => void;
}

export const LOCK_NAME = "giga-chat.lock";
const OWNER_FILE = "owner.json";

function readProcStat(pid: number): { state: string; startTime: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
    return { state: fields[0] ?? "", startTime: fields[19] ?? "" };
  } catch {
    return null;
  }
}

function readOr(file: string, fallback: string | null): string | null {
  try {
    return readFileSync(file, "utf8").trim() || fallback;
  } catch {
    return fallback;
  }
}

/** Who this process is, as written in the lock. */
export function currentOwner(): LockOwner {
  let pidNamespace: string | null = null;
  try {
    pidNamespace = readlinkSync("/proc/self/ns/pid");
  } catch {
    pidNamespace = null;
  }
  return {
    pid: process.pid,
    startTime: readProcStat(process.pid)?.startTime ?? null,
    bootId: readOr("/proc/sys/kernel/random/boot_id", null),
    pidNamespace,
    host: os.hostname(),
    token: randomBytes(16).toString("hex"),
    since: new Date().toISOString(),
  };
}

/**
 * Whether the recorded holder is certainly gone. Only answers "dead" when its pid means
 * the same thing here (same boot, same pid namespace); otherwise we cannot tell.
 */
export function holderIsDead(owner: LockOwner, here: LockOwner = currentOwner()): boolean {
  if (!owner.bootId || !owner.pidNamespace || owner.bootId !== here.bootId || owner.pidNamespace !== here.pidNamespace) {
    return false;
  }
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
  const stat = readProcStat(owner.pid);
  if (!stat) return false;
  // A zombie has exited; only its parent has not collected it yet.
  if (stat.state === "Z" || stat.state === "X") return true;
  // The pid was reused by another process.
  return owner.startTime !== null && stat.startTime !== owner.startTime;
}

async function readOwner(lockDir: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(path.join(lockDir, OWNER_FILE), "utf8")) as LockOwner;
    return typeof parsed.token === "string" && typeof parsed.pid === "number" ? parsed : null;
  } catch {
    return null;
  }
}

/** The lock's age by its last touch; null when there is no lock. */
async function lockAgeMs(lockDir: string): Promise<number | null> {
  try {
    return Date.now() - (await fs.stat(lockDir)).mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

const isTaken = (err: unknown) => ["EEXIST", "ENOTEMPTY", "EISDIR", "ENOTDIR"].includes((err as NodeJS.ErrnoException).code ?? "");

/** Moves a directory aside and removes it (a rename is atomic, the removal need not be). */
async function discardDir(dir: string): Promise<boolean> {
  const aside = `${dir}.old-${randomBytes(6).toString("hex")}`;
  try {
    await fs.rename(dir, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
  await fs.rm(aside, { recursive: true, force: true });
  return true;
}

function lockedError(dataDir: string, owner: LockOwner | null): DataDirLockedError {
  const who = owner ? ` (process ${owner.pid} on ${owner.host})` : "";
  return new DataDirLockedError(
    `Another Giga Chat process is using the data directory ${path.resolve(dataDir)}${who}. ` +
      "Stop it first, or set DATA_DIR to a different directory. " +
      "(A lock left by a process that has died on this machine is taken over at once; " +
      "one from another machine or container frees itself within 10 seconds.)",
  );
}

/** Takes the lock; throws DataDirLockedError while a live process holds it. */
export async function lockDataDir(dataDir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  const staleMs = opts.staleMs ?? 10_000;
  const updateMs = opts.updateMs ?? 2_000;
  await fs.mkdir(dataDir, { recursive: true });
  const lockDir = path.join(dataDir, LOCK_NAME);
  const takeoverDir = `${lockDir}.takeover`;
  const owner = currentOwner();

  // The lock as it will be: a directory holding owner.json, renamed into place whole.
  const prepare = async () => {
    const dir = await fs.mkdtemp(`${lockDir}.new-`);
    await fs.writeFile(path.join(dir, OWNER_FILE), JSON.stringify(owner));
    return dir;
  };
  const place = async (): Promise<boolean> => {
    // An empty directory would be replaced by rename: an old-style (empty) lock must be examined instead.
    if ((await lockAgeMs(lockDir)) !== null) return false;
    const dir = await prepare();
    try {
      await fs.rename(dir, lockDir);
      return true;
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true });
      if (isTaken(err)) return false;
      throw err;
    }
  };

  /** Replaces the lock if it is still the dead or stale one we examined. */
  const takeOver = async (examined: LockOwner | null): Promise<"done" | "changed" | "busy"> => {
    try {
      await fs.mkdir(takeoverDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A take-over takes milliseconds; one this old was left by a process that died in it.
      const age = await lockAgeMs(takeoverDir);
      if (age !== null && age > staleMs) await fs.rm(takeoverDir, { recursive: true, force: true });
      return "busy";
    }
    try {
      const now = await readOwner(lockDir);
      if ((now?.token ?? null) !== (examined?.token ?? null)) return "changed";
      await discardDir(lockDir);
      return (await place()) ? "done" : "changed";
    } finally {
      await fs.rm(takeoverDir, { recursive: true, force: true });
    }
  };

  let takenOver: DataDirLock["takenOver"] = null;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 20) throw lockedError(dataDir, await readOwner(lockDir));
    if (await place()) break;
    const existing = await readOwner(lockDir);
    const age = await lockAgeMs(lockDir);
    if (age === null) continue; // released meanwhile: try again
    let reason: "holder-dead" | "stale" | null = null;
    if (existing && existing.token !== owner.token && holderIsDead(existing, owner)) reason = "holder-dead";
    else if (age > staleMs) reason = "stale";
    if (!reason) throw lockedError(dataDir, existing);
    const result = await takeOver(existing);
    if (result === "done") {
      takenOver = { owner: existing, reason };
      break;
    }
    if (result === "busy") await new Promise((resolve) => setTimeout(resolve, 50));
  }

  let released = false;
  const compromised = (why: string) => {
    clearInterval(timer);
    const err = new Error(`The data-directory lock ${lockDir} was ${why}: another process may be using the data directory.`);
    if (opts.onCompromised) opts.onCompromised(err);
    else
      process.nextTick(() => {
        throw err;
      });
  };
  const timer = setInterval(() => {
    void (async () => {
      const now = new Date();
      try {
        await fs.utimes(lockDir, now, now);
      } catch {
        if (!released) compromised("removed");
        return;
      }
      const current = await readOwner(lockDir);
      if (!released && current?.token !== owner.token) compromised("taken by another process");
    })();
  }, updateMs);
  timer.unref();

  return {
    takenOver,
    owner,
    release: async () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      if ((await readOwner(lockDir))?.token === owner.token) await discardDir(lockDir);
    },
  };
}
