/**
 * The deployment files agree with the app: compose.yaml is valid (Debian's
 * docker-compose parses and interpolates it, no daemon needed), has the services an
 * operator expects, and every variable its app processes set is documented in the
 * README's configuration table and read by the server; every variable in that table is
 * read by the config parser (or, for the few read elsewhere, by the file named below);
 * deploy/nginx.conf passes `nginx -t` in the form the cluster test runs it.
 * docker-compose and nginx must be installed (`.ci/run` installs them): no silent skip.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configVariables } from "./config";
import { validateNginxSite } from "./testing/nginx";

const root = process.cwd();
const DOCKER_COMPOSE = process.env.DOCKER_COMPOSE_PATH ?? "/usr/bin/docker-compose";

/** Variables the server reads outside config.ts, with the file that reads each. */
const readElsewhere: Record<string, string> = { WORKER_ID: "src/server/db/snowflake.ts" };

/** What compose's required `${VAR:?}` values need for `config` to interpolate. */
const sampleEnv = {
  BASE_URL: "https://chat.example.com",
  BETTER_AUTH_SECRET: "a".repeat(64),
  VAPID_PUBLIC_KEY: "B".repeat(87),
  VAPID_PRIVATE_KEY: "c".repeat(43),
  POSTGRES_PASSWORD: "d".repeat(32),
  S3_ACCESS_KEY_ID: "giga-chat",
  S3_SECRET_ACCESS_KEY: "e".repeat(32),
  LIVEKIT_URL: "wss://livekit.example.com",
  LIVEKIT_API_SECRET: "f".repeat(40),
  TURN_URLS: "turn:turn.example.com:3478",
  TURN_SECRET: "0".repeat(32),
};

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, unknown> | string[];
  volumes?: string[];
  healthcheck?: unknown;
}

function composeConfig(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(DOCKER_COMPOSE)) {
    throw new Error(`docker-compose is not installed (${DOCKER_COMPOSE}): apt-get install -y docker-compose (.ci/run does this)`);
  }
  // Only PATH and the sample: no variable of this machine leaks into the interpolation.
  const result = spawnSync(DOCKER_COMPOSE, ["-f", "compose.yaml", "config"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } as Record<string, string> as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The variables named in the first column of the README's configuration table. */
function documentedVariables(): Set<string> {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? "";
  const names = new Set<string>();
  for (const line of section.split("\n")) {
    if (!line.startsWith("| `")) continue;
    const firstCell = line.split("|")[1] ?? "";
    for (const m of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1]!);
  }
  return names;
}

describe("deployment files", () => {
  const compose = composeConfig(sampleEnv);
  const resolved = compose.status === 0 ? (parse(compose.stdout) as { services: Record<string, ComposeService> }) : null;
  const services = resolved?.services ?? {};
  const appServices = Object.entries(services).filter(([name]) => /^app\d+$/.test(name));

  it("docker-compose accepts compose.yaml, and refuses to start without a required secret", () => {
    expect(compose.stderr, compose.stderr).not.toMatch(/ERROR/);
    expect(compose.status).toBe(0);
    const { BETTER_AUTH_SECRET: _left, ...withoutSecret } = sampleEnv;
    const refused = composeConfig(withoutSecret);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("BETTER_AUTH_SECRET");
  });

  it("has the app processes behind nginx, PostgreSQL, Redis, MinIO with its bucket, LiveKit and coturn", () => {
    expect(Object.keys(services).sort()).toEqual(
      ["app1", "app2", "coturn", "livekit", "minio", "minio-init", "nginx", "postgres", "redis"].sort(),
    );
    expect(services.nginx!.volumes?.some((v) => v.startsWith(`${root}/deploy/nginx.conf:/etc/nginx/nginx.conf`))).toBe(true);
    expect(services.livekit!.volumes?.some((v) => v.includes("/deploy/livekit.yaml:"))).toBe(true);
    expect(services.coturn!.volumes?.some((v) => v.includes("/deploy/turnserver.conf:"))).toBe(true);
    for (const file of ["deploy/nginx.conf", "deploy/livekit.yaml", "deploy/turnserver.conf", "Dockerfile", ".dockerignore"]) {
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
  });

  it("gives every app process the same image and shared settings, its own WORKER_ID and TRUST_PROXY", () => {
    expect(appServices.length).toBeGreaterThanOrEqual(2);
    const shared = (env: Record<string, unknown>) => {
      const { WORKER_ID: _id, ...rest } = env;
      return rest;
    };
    const [first, ...others] = appServices.map(([, s]) => s);
    for (const other of others) {
      expect(other.image).toBe(first!.image);
      expect(shared(other.environment ?? {})).toEqual(shared(first!.environment ?? {}));
    }
    const ids = appServices.map(([, s]) => String(s.environment?.WORKER_ID));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, s] of appServices) {
      const env = s.environment ?? {};
      expect(env.TRUST_PROXY).toBe("true");
      for (const name of ["DATABASE_URL", "REDIS_URL", "BETTER_AUTH_SECRET", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "S3_BUCKET", "LIVEKIT_URL", "TURN_URLS", "TURN_SECRET"]) {
        expect(env[name], name).toBeTruthy();
      }
      // The secrets are interpolated from the environment, not written in the file.
      expect(env.BETTER_AUTH_SECRET).toBe(sampleEnv.BETTER_AUTH_SECRET);
    }
  });

  it("every variable the app processes set is documented in the README's table and read by the server", () => {
    const documented = documentedVariables();
    const read = new Set([...configVariables, ...Object.keys(readElsewhere)]);
    const set = new Set(appServices.flatMap(([, s]) => Object.keys(s.environment ?? {})));
    expect([...set].filter((name) => !documented.has(name))).toEqual([]);
    expect([...set].filter((name) => !read.has(name))).toEqual([]);
  });

  it("every variable in the README's table is one the server reads", () => {
    const documented = documentedVariables();
    expect(documented.size).toBeGreaterThan(30);
    const config = new Set(configVariables);
    expect([...documented].filter((name) => !config.has(name) && !(name in readElsewhere))).toEqual([]);
    for (const [name, file] of Object.entries(readElsewhere)) {
      expect(readFileSync(path.join(root, file), "utf8"), `${file} reads ${name}`).toContain(`process.env.${name}`);
    }
  });

  it("deploy/nginx.conf passes nginx -t as the cluster test runs it", async () => {
    expect(await validateNginxSite({ port: 8080, upstreams: ["127.0.0.1:3001", "127.0.0.1:3002"] })).toBeNull();
  });
});
