import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./src", import.meta.url)) };

/** The E2E files with calls in them: several pages sending and decoding audio and video. */
const mediaE2e = ["e2e/voice.e2e.test.ts", "e2e/voice-relay.e2e.test.ts", "e2e/dm-calls.e2e.test.ts", "e2e/livekit.e2e.test.ts"];

const e2eCommon = {
  pool: "forks",
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // What the UI shows can take seconds on a loaded 2-core machine (an ack's round
  // trip, a socket event): polls wait as long as Playwright's own waits (uiTimeout).
  expect: { poll: { timeout: 20_000 } },
} as const;

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
          // Files share their worker's modules instead of importing the server afresh each
          // (about 100 s of imports a run); each file still makes its own server and database.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // The groups run one after another: unit tests, browser E2E, then the media E2E alone.
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          exclude: mediaE2e,
          // One production server for the files that need no server of their own (fixture.ts).
          globalSetup: ["e2e/global-setup.ts"],
          ...e2eCommon,
          // Two files at a time: each drives one or two pages and waits on the server most of the time.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          // Calls: real-time media in several Chromium pages needs the machine to itself.
          name: "e2e-media",
          include: mediaE2e,
          ...e2eCommon,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
