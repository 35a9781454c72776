/**
 * A PostgreSQL server of a test's own, from the machine's binaries (Debian's
 * /usr/lib/postgresql/<version>/bin, `pg_config --bindir`, or PG_BIN), on 127.0.0.1 and
 * a free port, in a temp directory: a fault test can stop, restart or crash it without
 * touching the shared server. PostgreSQL refuses to run as root, so as root it runs as
 * the `postgres` user. Fails loudly when the binaries are missing.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port";

const run = promisify(execFile);

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** `fast`: clients are told 57P01 and the server shuts down cleanly. `immediate`: as after a crash (recovery on start). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops and starts again on the same port and data (`pg_ctl restart`). */
  restart(mode?: "fast" | "immediate"): Promise<void>;
  /** The server's log so far (for failure messages). */
  log(): Promise<string>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

const needed = ["initdb", "pg_ctl", "postgres"];

/** The directory holding initdb, pg_ctl and postgres, or an error saying what is missing. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    // No pg_config on the PATH.
  }
  for (const dir of candidates) if (needed.every((bin) => existsSync(path.join(dir, bin)))) return dir;
  throw new Error(
    `PostgreSQL's server binaries (${needed.join(", ")}) were not found in ${candidates.join(", ") || "/usr/lib/postgresql/*/bin or pg_config --bindir"}. ` +
      "Install the PostgreSQL server (Debian: apt-get install -y postgresql) or set PG_BIN to the directory that holds them.",
  );
}


/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ["runuser", ["-u", "postgres", "--", bin, ...args]];
  return [bin, args];
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  const root = await mkdtemp(path.join(tmpdir(), "giga-pg-"));
  const dataDir = path.join(root, "data");
  const logFile = path.join(root, "postgres.log");
  if (process.getuid?.() === 0) {
    const ids = execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim();
    const gid = execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim();
    await chown(root, Number(ids), Number(gid));
  }
  const pg = async (name: string, args: string[]) => {
    const [cmd, argv] = asServerUser(path.join(bin, name), args);
    try {
      return await run(cmd, argv, { timeout: 60_000 });
    } catch (err) {
      const e = err as Error & { stdout?: string; stderr?: string };
      const log = await readFile(logFile, "utf8").catch(() => "");
      throw new Error(`${name} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}\n${log.slice(-3000)}`);
    }
  };
  await pg("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
  const port = await freePort();
  // fsync off: a crash of PostgreSQL (not of the machine) loses nothing it committed, and tests run faster.
  const options = `-p ${port} -h 127.0.0.1 -k ${root} -c fsync=off -c full_page_writes=off -c max_connections=50`;
  const start = () => pg("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "60", "start"]).then(() => undefined);
  const stop = (mode: "fast" | "immediate" = "fast") => pg("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"]).then(() => undefined);
  await start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    restart: (mode = "fast") => pg("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-m", mode, "-w", "-t", "60", "restart"]).then(() => undefined),
    log: () => readFile(logFile, "utf8").catch(() => ""),
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      await stop("immediate").catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
