/**
 * API answers: JSON of a kilobyte and more goes out gzipped to a client that accepts it,
 * as it is to one that does not, and decodes to the same document.
 */
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Server } from "@/shared/api";
import { type TestClient, type TestServer, startTestServer } from "../testing/harness";

describe("API compression", () => {
  let t: TestServer;
  let owner: TestClient;
  let path: string;

  beforeAll(async () => {
    t = await startTestServer("pglite");
    owner = t.client();
    await owner.signUp("Compressed");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Zipped" })).body;
    const channel = (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "talk", type: "text" })).body;
    for (let i = 0; i < 12; i++) {
      expect((await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: `message number ${i} with some words` })).status).toBe(201);
    }
    path = `/api/v1/channels/${channel.id}/messages?limit=50`;
  });

  afterAll(async () => {
    await t?.close();
  });

  function get(headers: Record<string, string>) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(t.url + path, { headers: { cookie: owner.cookie, ...headers } }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("gzips a history page for a client that accepts it, and only then", async () => {
    const plain = await get({});
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);

    const zipped = await get({ "accept-encoding": "br, gzip" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });
});
