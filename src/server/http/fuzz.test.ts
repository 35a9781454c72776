/**
 * The property-based fuzzer: generated requests over every route and generated events
 * over every client socket event, valid and malformed, as members and outsiders (see
 * fuzz.kit.ts). For all of them: no 5xx, no INTERNAL ack, no error logged, the server
 * and the sockets stay up, and no answer carries the other server's data.
 *
 * CI runs 1,500 requests and 1,500 events (shared between PGlite and, with
 * TEST_DATABASE_URL, PostgreSQL); FUZZ_RUNS and FUZZ_EVENTS set the counts for each
 * database: `npm run fuzz` runs 20,000 + 20,000 and prints the table. FUZZ_SEED replays a run.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";
import {
  type World,
  actorSockets,
  buildWorld,
  clientEvents,
  describeRequest,
  eventArbitrary,
  newTally,
  pool,
  record,
  requestArbitrary,
  routesOf,
  sendEvent,
  sendRequest,
  table,
} from "./fuzz.kit";

/** The CI count is shared by the databases under test; a count that is set applies to each. */
const kinds = testDatabaseKinds();
const RUNS = Number(process.env.FUZZ_RUNS ?? Math.ceil(1500 / kinds.length));
const EVENTS = Number(process.env.FUZZ_EVENTS ?? process.env.FUZZ_RUNS ?? RUNS);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Requests in flight at once: enough to interleave commands, few enough for a 2-core machine. */
const CONCURRENCY = 8;
const timeout = 120_000 + (RUNS + EVENTS) * 40;

describe.each(kinds)("fuzzing every route and socket event on %s", (kind) => {
  let t: TestServer;
  let world: World;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await startTestServer(kind);
    // Anything logged as an error is a failure the status alone may hide (a handler without an ack).
    const log = t.server.services.log;
    const error = log.error.bind(log);
    log.error = ((obj: unknown, msg?: string, ...rest: unknown[]) => {
      // better-auth logs a caller's mistakes (an unknown OAuth state) as errors; its failures answer 5xx.
      if (!msg?.startsWith("auth: ")) {
        const err = (obj as { err?: unknown })?.err;
        logged.push(`${msg ?? ""}: ${err instanceof Error ? (err.stack ?? err.message).slice(0, 800) : JSON.stringify(obj)?.slice(0, 500)}`);
      }
      return error(obj as object, msg, ...rest);
    }) as typeof log.error;
    world = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it(`answers ${RUNS} generated requests over every route with no 5xx and nothing of the other server (seed ${SEED})`, { timeout }, async () => {
    const routes = routesOf(t);
    expect(routes.length).toBeGreaterThan(60);
    const requests = fc.sample(requestArbitrary(world, routes), { numRuns: RUNS, seed: SEED });
    const tally = newTally();
    const byRoute = new Map<string, number>();
    await pool(requests, CONCURRENCY, async (req, i) => {
      if (i > 0 && i % 250 === 0) await world.refresh();
      byRoute.set(req.route, (byRoute.get(req.route) ?? 0) + 1);
      record(tally, describeRequest(req), await sendRequest(world, req));
    });
    console.warn(table(`requests (${kind})`, tally));
    // The server is still there, and every route was tried.
    expect((await world.actors[0]!.client.get("/api/health")).status).toBe(200);
    expect(tally.failures.slice(0, 10)).toEqual([]);
    expect(logged.slice(0, 5)).toEqual([]);
    if (RUNS >= routes.length * 10) expect(routes.filter((r) => !byRoute.has(`${r.method} ${r.path}`))).toEqual([]);
  });

  it(`answers ${EVENTS} generated socket events with no INTERNAL ack, no dropped socket and nothing of the other server (seed ${SEED})`, { timeout }, async () => {
    const { sockets, received } = await actorSockets(world);
    const events = clientEvents();
    expect(events.length).toBeGreaterThanOrEqual(13);
    const generated = fc.sample(eventArbitrary(world, events, sockets.length), { numRuns: EVENTS, seed: SEED });
    const tally = newTally();
    await pool(generated, CONCURRENCY, async (ev) => {
      record(tally, `${ev.event} ${JSON.stringify(ev.payload)?.slice(0, 200)} as actor ${ev.actor}`, await sendEvent(world, sockets, ev));
    });
    console.warn(table(`events (${kind})`, tally));
    if (tally.unanswered.length) console.warn(`unanswered (volatile, dropped past their rate):\n${tally.unanswered.slice(0, 10).join("\n")}`);
    expect(tally.failures.slice(0, 10)).toEqual([]);
    expect(sockets.every((s) => s.connected)).toBe(true);
    expect(received.filter((r) => world.secrets.some((s) => r.includes(s))).slice(0, 5)).toEqual([]);
    expect(logged.slice(0, 5)).toEqual([]);
    for (const s of sockets) s.disconnect();
  });
});
