import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

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

/**
 * Files that take long, mostly waiting (a push service down for a minute; 149 requests
 * on two databases; pages of payloads in a browser): started first in their group, so
 * their time overlaps the other files' instead of trailing them. Otherwise vitest's own
 * order (longest first from its cache, else largest first).
 */
const slowFirst = [
  "src/server/notify/push-resilience.test.ts",
  "src/server/http/authorization-matrix.test.ts",
  "e2e/markdown-xss.e2e.test.ts",
  "e2e/screens.e2e.test.ts",
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = slowFirst.findIndex((p) => f.moduleId.endsWith(p));
      return i === -1 ? slowFirst.length : i;
    };
    // A stable sort: groups and projects keep their order, and so do the files of equal rank.
    return [...base].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        (a.project.name === b.project.name ? 0 : a.project.name < b.project.name ? -1 : 1) ||
        rank(a) - rank(b),
    );
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: SlowFirstSequencer },
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
          maxWorkers: 3,
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
          // Two files at a time: each drives one or two pages and waits on the server most of
          // the time. (Three were no faster on two cores: Chromium's rendering fills them.)
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
