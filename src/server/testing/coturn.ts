/**
 * A real TURN server for relay tests: Debian's coturn (`turnserver`), on 127.0.0.1 only,
 * with the `use-auth-secret` scheme and a generated secret, as operators run it. Fails
 * loudly when coturn is missing (`.ci/run` installs it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

const TURNSERVER = process.env.TURNSERVER_PATH ?? "/usr/bin/turnserver";

export interface TestTurn {
  /** For TURN_URLS: `turn:127.0.0.1:<port>?transport=udp`. */
  url: string;
  secret: string;
  stop(): Promise<void>;
}


async function waitForTcp(port: number, child: ChildProcess, output: () => string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`turnserver exited (${child.exitCode}):\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() - start > timeoutMs) throw new Error(`turnserver did not listen on ${port}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startTestTurn(): Promise<TestTurn> {
  if (!existsSync(TURNSERVER)) {
    throw new Error(`coturn is not installed (${TURNSERVER}): apt-get install -y coturn (.ci/run does this)`);
  }
  const port = await freePort();
  const secret = randomBytes(24).toString("hex");
  const dir = await mkdtemp(path.join(tmpdir(), "giga-turn-"));
  const relayMin = 40_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    TURNSERVER,
    [
      "-n", // no configuration file
      "--listening-ip=127.0.0.1",
      "--relay-ip=127.0.0.1",
      `--listening-port=${port}`,
      `--min-port=${relayMin}`,
      `--max-port=${relayMin + 200}`,
      "--use-auth-secret",
      `--static-auth-secret=${secret}`,
      "--realm=giga.test",
      "--allow-loopback-peers",
      "--fingerprint",
      "--no-cli",
      "--no-tls",
      "--no-dtls",
      "--no-multicast-peers",
      `--pidfile=${path.join(dir, "turnserver.pid")}`,
      `--userdb=${path.join(dir, "turndb")}`,
      "--log-file=stdout",
      "--simple-log",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-8_000)));
  child.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-8_000)));
  await waitForTcp(port, child, () => log);
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
