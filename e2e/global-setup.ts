/**
 * Runs once per E2E run: one production server that every test file shares unless it needs a
 * server of its own (its own environment, data directory, or a process it stops or kills).
 * Each file signs up its own people and creates its own servers, so files never see each
 * other's data; starting the server once saves its start (data directory, migrations, Next.js
 * warm-up) in every file.
 */
import type { TestProject } from "vitest/node";
import { type SharedServer, startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    e2eServer: SharedServer;
  }
}

export default async function setup(project: TestProject) {
  const server = await startServer({
    env: {
      // Every file signs its people up from 127.0.0.1: the per-IP sign-up limit is for strangers.
      AUTH_IP_LIMIT: "100000",
      // Files that post a corpus or a screenful of messages in bulk (markdown, mentions)
      // share this server; the anti-flood limit has tests of its own on the API.
      SEND_BURST: "1000",
      MEDIA_LISTEN_IP: "127.0.0.1",
    },
  });
  project.provide("e2eServer", { baseUrl: server.baseUrl, dataDir: server.dataDir, pid: server.pid });
  return async () => {
    await server.stop();
  };
}
