/**
 * The data-directory lock: a holder that was killed leaves a lock that the next start
 * takes over at once; a live holder is still refused; a reused pid or a pid from
 * another namespace is never taken for the holder.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, LOCK_NAME, currentOwner, lockDataDir } from "./lock";

const lockModule = fileURLToPath(new URL("./lock.ts", import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "giga-lock-"));
  dirs.push(dir);
  return dir;
}

/** Another process that takes the lock on `dir` and keeps it until it is stopped. */
async function holder(dir: string): Promise<ChildProcess> {
  const script = `
    import { lockDataDir } from ${JSON.stringify(lockModule)};
    await lockDataDir(${JSON.stringify(dir)});
    process.stdout.write("locked\\n");
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("locked")) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the holder exited (${code}) before locking:\n${output}`)));
  });
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** Writes a lock as another holder would have. */
async function writeLock(dir: string, owner: object, ageMs = 0) {
  const lockDir = path.join(dir, LOCK_NAME);
  await mkdir(lockDir);
  await writeFile(path.join(lockDir, "owner.json"), JSON.stringify(owner));
  const when = new Date(Date.now() - ageMs);
  await utimes(lockDir, when, when);
}

describe("data-directory lock", () => {
  it("takes over at once the lock of a holder that was killed (SIGKILL)", async () => {
    const dir = await dataDir();
    const child = await holder(dir);
    const pid = child.pid!;
    await killed(child);

    const lock = await lockDataDir(dir);
    expect(lock.takenOver?.reason).toBe("holder-dead");
    expect(lock.takenOver?.owner?.pid).toBe(pid);
    await lock.release();
  });

  it("refuses while the holder is alive, and names it", async () => {
    const dir = await dataDir();
    const child = await holder(dir);
    const attempt = lockDataDir(dir);
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(attempt).rejects.toThrow(`(process ${child.pid} on `);
    await killed(child);
  });

  it("refuses a second lock in the same process, and is free again after release", async () => {
    const dir = await dataDir();
    const first = await lockDataDir(dir);
    expect(first.takenOver).toBeNull();
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
    const again = await lockDataDir(dir);
    expect(again.takenOver).toBeNull();
    await again.release();
  });

  it("does not mistake a reused pid for the holder: same pid, another start time is dead", async () => {
    const dir = await dataDir();
    // Our own pid is alive; with its real start time the lock is ours and live...
    await writeLock(dir, { ...currentOwner(), token: "live" });
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await rm(path.join(dir, LOCK_NAME), { recursive: true });
    // ...with another start time it was an earlier process that had the same pid.
    await writeLock(dir, { ...currentOwner(), startTime: "1", token: "reused" });
    const lock = await lockDataDir(dir);
    expect(lock.takenOver?.reason).toBe("holder-dead");
    await lock.release();
  });

  it("never judges a holder from another pid namespace or boot by its pid: refused while fresh, taken once stale", async () => {
    const dir = await dataDir();
    const elsewhere = { ...currentOwner(), pid: 2_000_000_000, pidNamespace: "pid:[1]", host: "elsewhere", token: "other" };
    await writeLock(dir, elsewhere);
    await expect(lockDataDir(dir)).rejects.toThrow("on elsewhere");
    const when = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, LOCK_NAME), when, when);
    const lock = await lockDataDir(dir);
    expect(lock.takenOver?.reason).toBe("stale");
    await lock.release();
  });

  it("an old-style lock (an empty directory) is refused while fresh and taken once stale", async () => {
    const dir = await dataDir();
    await mkdir(path.join(dir, LOCK_NAME));
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    const when = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, LOCK_NAME), when, when);
    const lock = await lockDataDir(dir);
    expect(lock.takenOver?.reason).toBe("stale");
    await lock.release();
  });

  it("when several start together on a dead holder's lock, exactly one takes it", async () => {
    const dir = await dataDir();
    await writeLock(dir, { ...currentOwner(), startTime: "1", token: "dead" });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => lockDataDir(dir)));
    const won = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    for (const r of refused) expect(r.reason).toBeInstanceOf(DataDirLockedError);
    await won[0]!.value.release();
  });
});
