/**
 * Debian's nginx in front of app processes, configured from deploy/nginx.conf itself:
 * the lines marked `(site)` (process count, logs, pid, the upstream servers, the listen
 * address) are replaced; everything else — the stickiness map, WebSocket upgrade,
 * next-upstream on failure — is the operator's file. Fails loudly when nginx is missing
 * (`.ci/run` installs it).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
export const NGINX_TEMPLATE = path.join(process.cwd(), "deploy", "nginx.conf");

export function requireNginx(): string {
  if (!existsSync(NGINX)) throw new Error(`nginx is not installed (${NGINX}): apt-get install -y nginx (.ci/run does this)`);
  return NGINX;
}

export interface NginxSite {
  /** Listen on 127.0.0.1:port. */
  port: number;
  /** The app processes, host:port. */
  upstreams: string[];
  /** A directory for the pid, logs and temp files. */
  dir: string;
  /** A header naming the process that answered (tests tell the processes apart by it). */
  upstreamHeader?: string;
}

function replaceOnce(conf: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(conf)) throw new Error(`deploy/nginx.conf no longer has a line matching ${pattern}`);
  return conf.replace(pattern, replacement);
}

/** deploy/nginx.conf with its `(site)` lines made for this machine. */
export function renderNginxConf(site: NginxSite, template = readFileSync(NGINX_TEMPLATE, "utf8")): string {
  let conf = template;
  const dir = site.dir;
  conf = replaceOnce(conf, /^worker_processes .*\(site\)$/m, `worker_processes 1;\ndaemon off;\nmaster_process on;`);
  conf = replaceOnce(conf, /^error_log .*\(site\)$/m, `error_log ${dir}/error.log warn;`);
  conf = replaceOnce(conf, /^pid .*\(site\)$/m, `pid ${dir}/nginx.pid;`);
  conf = replaceOnce(
    conf,
    /^(\s*)access_log .*\(site\)$/m,
    [
      `$1access_log ${dir}/access.log;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `$1${t}_temp_path ${dir}/${t};`),
    ].join("\n"),
  );
  const servers = [...conf.matchAll(/^(\s*)server app\d+:3000 (.*?);\s*# \(site\)$/gm)];
  if (servers.length < 2) throw new Error("deploy/nginx.conf no longer lists its app servers as `server appN:3000 …; # (site)`");
  const indent = servers[0]![1]!;
  const options = servers[0]![2]!;
  conf = conf.replace(/^\s*server app\d+:3000 .*\(site\)\n/gm, "");
  conf = replaceOnce(
    conf,
    /^(\s*keepalive \d+;)$/m,
    `${site.upstreams.map((u) => `${indent}server ${u} ${options};`).join("\n")}\n$1`,
  );
  conf = replaceOnce(conf, /^(\s*)listen 80;.*\(site\)$/m, `$1listen 127.0.0.1:${site.port};`);
  if (site.upstreamHeader) {
    conf = replaceOnce(conf, /^(\s*)proxy_pass http:\/\/giga_chat;$/m, `$&\n$1add_header ${site.upstreamHeader} $upstream_addr always;`);
  }
  return conf;
}

/** `nginx -t` on a configuration: null when valid, else nginx's complaint. */
export function checkNginxConf(confPath: string, prefix: string): string | null {
  const result = spawnSync(requireNginx(), ["-t", "-q", "-c", confPath, "-p", prefix], { encoding: "utf8" });
  return result.status === 0 ? null : `${result.stderr}${result.stdout}`;
}

export interface RunningNginx {
  url: string;
  dir: string;
  conf: string;
  stop(): Promise<void>;
}

async function writeSite(site: Omit<NginxSite, "dir">): Promise<{ dir: string; confPath: string; conf: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "giga-nginx-"));
  // Run as root, nginx's workers become `nobody`: they must reach the temp directories.
  await chmod(dir, 0o755);
  for (const t of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    await mkdir(path.join(dir, t));
    await chmod(path.join(dir, t), 0o777);
  }
  const conf = renderNginxConf({ ...site, dir });
  const confPath = path.join(dir, "nginx.conf");
  await writeFile(confPath, conf);
  return { dir, confPath, conf };
}

/** Validates the rendered template without starting anything. */
export async function validateNginxSite(site: Omit<NginxSite, "dir">): Promise<string | null> {
  const { dir, confPath } = await writeSite(site);
  try {
    return checkNginxConf(confPath, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startNginx(site: Omit<NginxSite, "dir">): Promise<RunningNginx> {
  const nginx = requireNginx();
  const { dir, confPath, conf } = await writeSite(site);
  const problem = checkNginxConf(confPath, dir);
  if (problem) throw new Error(`nginx refused the configuration:\n${problem}\n${conf}`);
  const child = spawn(nginx, ["-c", confPath, "-p", dir], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-10_000)));
  child.stderr?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-10_000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // QUIT: finish the requests in flight; TERM after a short wait.
      child.kill("SIGQUIT");
      const timer = setTimeout(() => child.kill("SIGTERM"), 3_000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(site.port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not listen on ${site.port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${site.port}`, dir, conf, stop };
}
