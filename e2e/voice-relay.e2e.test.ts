/**
 * Calls through TURN in real browsers: both people's browsers may use relayed candidates
 * only (`iceTransportPolicy: "relay"`), so media reaches the embedded SFU through a real
 * coturn on 127.0.0.1, with the credentials the server minted for each join from
 * TURN_URLS and TURN_SECRET. Media must flow both ways over the relay.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Invite, Server } from "@/shared/api";
import { type TestTurn, startTestTurn } from "@/server/testing/coturn";
import { TestClient } from "@/server/testing/harness";
import { fakeMediaArgs, launchChromium, uiTimeout } from "./browser";
import { type RunningServer, startServer } from "./server";
import { signedInContext, waitForGrowth } from "./voice-helpers";

const names = ["Ann", "Bob"] as const;
type Name = (typeof names)[number];

let turn: TestTurn;
let server: RunningServer;
let browser: Browser;
let guild: Server;
let room: Channel;
const clients = {} as Record<Name, TestClient>;
const ids = {} as Record<Name, string>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  turn = await startTestTurn();
  server = await startServer({ env: { MEDIA_LISTEN_IP: "127.0.0.1", TURN_URLS: turn.url, TURN_SECRET: turn.secret } });
  for (const name of names) {
    clients[name] = new TestClient(server.baseUrl, { origin: server.baseUrl });
    ids[name] = (await clients[name].signUp(name)).id;
  }
  guild = (await clients.Ann.post<Server>("/api/v1/servers", { name: "Relay Guild" })).body;
  room = (await clients.Ann.post<Channel>(`/api/v1/servers/${guild.id}/channels`, { name: "relayed", type: "video" })).body;
  const invite = (await clients.Ann.post<Invite>(`/api/v1/servers/${guild.id}/invites`, {})).body;
  expect((await clients.Bob.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
  browser = await launchChromium(fakeMediaArgs);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await turn?.stop();
}, 60_000);

async function openInRoom(name: Name): Promise<Page> {
  const context = await signedInContext(browser, server.baseUrl, clients[name].cookie);
  contexts.push(context);
  // The browser may only use the TURN server's relayed addresses, as behind a strict firewall.
  await context.addInitScript(() => {
    const Base = window.RTCPeerConnection;
    class RelayOnly extends Base {
      constructor(config?: RTCConfiguration) {
        super({ ...config, iceTransportPolicy: "relay" });
      }
    }
    window.RTCPeerConnection = RelayOnly;
  });
  const page = await context.newPage();
  page.setDefaultTimeout(uiTimeout);
  await page.goto(`${server.baseUrl}/channels/${guild.id}/${room.id}`);
  await page.getByTestId("voice-join").click();
  await page.locator('[data-testid="voice-room"][data-status="connected"]').waitFor();
  return page;
}

/** The types of the local candidates of each peer connection's selected pair. */
function selectedLocalCandidateTypes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __voicePcs: RTCPeerConnection[] }).__voicePcs.filter((pc) => pc.connectionState === "connected");
    const types: string[] = [];
    for (const pc of pcs) {
      const stats = [...(await pc.getStats()).values()] as Array<Record<string, unknown>>;
      const byId = new Map(stats.map((s) => [s.id, s]));
      for (const transport of stats.filter((s) => s.type === "transport" && s.selectedCandidatePairId)) {
        const pair = byId.get(transport.selectedCandidatePairId);
        const local = pair ? byId.get(pair.localCandidateId) : undefined;
        types.push(String(local?.candidateType));
      }
    }
    return types;
  });
}

describe("a call through TURN", () => {
  it("carries media both ways when the browsers may use relayed candidates only", async () => {
    const ann = await openInRoom("Ann");
    const bob = await openInRoom("Bob");
    await Promise.all([
      waitForGrowth(ann, "Ann", [{ userId: ids.Bob, counters: ["camera", "audio"] }]),
      waitForGrowth(bob, "Bob", [{ userId: ids.Ann, counters: ["camera", "audio"] }]),
    ]);
    for (const page of [ann, bob]) {
      const types = await selectedLocalCandidateTypes(page);
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(["relay"]));
    }
  });
});
