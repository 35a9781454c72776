/**
 * A voice room on LiveKit, in a real browser, without a LiveKit server: the production
 * build runs with LIVEKIT_* pointing at a stand-in on 127.0.0.1 that records the
 * WebSocket a browser dials (`/rtc…?access_token=…`) and then drops it, as a LiveKit
 * server that went away would. The browser must dial it with the token the app minted
 * (checked with livekit-server-sdk's verifier: identity and room), load livekit-client
 * only then, in a chunk of its own, and tell the person clearly when it cannot connect.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TokenVerifier } from "livekit-server-sdk";
import type { Channel, Server } from "@/shared/api";
import { type StandIn, startLiveKitStandIn } from "@/server/media/livekit-standin.kit";
import { TestClient } from "@/server/testing/harness";
import { fakeMediaArgs, launchChromium, uiTimeout } from "./browser";
import { type RunningServer, startServer } from "./server";
import { signedInContext } from "./voice-helpers";

const KEY = "giga-e2e-key";
const SECRET = "an-e2e-secret-of-more-than-32-characters";
/** A string of livekit-client's own (an event name), in whichever script carries it. */
const LIVEKIT_MARKER = "participantPermissionsChanged";

let standIn: StandIn;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let ann: TestClient;
let annId: string;
let guild: Server;
let room: Channel;

beforeAll(async () => {
  standIn = await startLiveKitStandIn();
  server = await startServer({ env: { LIVEKIT_URL: standIn.url, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET } });
  ann = new TestClient(server.baseUrl, { origin: server.baseUrl });
  annId = (await ann.signUp("Ann")).id;
  guild = (await ann.post<Server>("/api/v1/servers", { name: "LiveKit Guild" })).body;
  room = (await ann.post<Channel>(`/api/v1/servers/${guild.id}/channels`, { name: "hangout", type: "audio" })).body;
  browser = await launchChromium(fakeMediaArgs);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await standIn?.close();
}, 60_000);

it("the browser dials LiveKit with our token, loads livekit-client only then, and says when it cannot connect", async () => {
  context = await signedInContext(browser, server.baseUrl, ann.cookie);
  const page: Page = await context.newPage();
  page.setDefaultTimeout(uiTimeout);
  const scripts: Array<{ url: string; livekit: boolean }> = [];
  page.on("response", (response) => {
    if (!response.url().endsWith(".js")) return;
    void response
      .text()
      .then((text) => scripts.push({ url: response.url(), livekit: text.includes(LIVEKIT_MARKER) }))
      .catch(() => undefined);
  });
  await page.goto(`${server.baseUrl}/channels/${guild.id}/${room.id}`);
  await page.getByTestId("voice-join").waitFor();
  await page.waitForLoadState("networkidle");
  // The first load, the room view included: no livekit-client anywhere.
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => s.livekit)).toEqual([]);

  await page.getByTestId("voice-join").click();
  await expect.poll(() => standIn.dials.length).toBeGreaterThan(0);
  const dialed = new URL(standIn.dials[0]!, standIn.url.replace(/^ws/, "http"));
  expect(dialed.pathname).toMatch(/^\/rtc(\/v1)?$/);
  const claims = await new TokenVerifier(KEY, SECRET).verify(dialed.searchParams.get("access_token") ?? "");
  expect(claims.sub).toBe(annId);
  expect(claims.video).toMatchObject({ roomJoin: true, room: room.id, canSubscribe: true, roomAdmin: false });
  expect(claims.video?.canPublishSources).toContain("microphone");
  // It came in a script of its own, after the click.
  await expect.poll(() => scripts.filter((s) => s.livekit).length).toBe(1);

  // The stand-in drops every connection: the call says it is trying again, then gives up with a reason.
  await expect.poll(async () => (await page.getByTestId("voice-status").textContent().catch(() => "")) ?? "").toMatch(/Reconnecting|Connecting/);
  await page.getByTestId("voice-error").filter({ hasText: "Could not connect to this server's media service" }).waitFor({ timeout: 60_000 });
  expect(standIn.dials.length).toBeGreaterThan(1);
  for (const dial of standIn.dials) expect(dial).toContain("access_token=");
  // The place it could not use is given back: nobody shows in the room.
  await expect.poll(async () => (await ann.get<unknown[]>(`/api/v1/servers/${guild.id}/voice-states`)).body).toEqual([]);
});
