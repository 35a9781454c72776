import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./src", import.meta.url)) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          globalSetup: ["src/server/testing/global-setup.ts"],
          pool: "forks",
          // Two files at a time even on two cores: most of a file's time is spent waiting on
          // PostgreSQL, Redis and sockets, and vitest's default (cores - 1) would run one.
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          // One production server for the files that need no server of their own (fixture.ts).
          globalSetup: ["e2e/global-setup.ts"],
          pool: "forks",
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // What the UI shows can take seconds on a loaded 2-core machine (an ack's round
          // trip, a socket event): polls wait as long as Playwright's own waits (uiTimeout).
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
