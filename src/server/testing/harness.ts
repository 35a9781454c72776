/**
 * A real Giga Chat server for API and socket tests: real database, real HTTP on
 * 127.0.0.1, real better-auth, real Socket.IO. Only Next.js is left out.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/shared/events";
import type { Channel, Invite, SelfUser, Server } from "@/shared/api";
import { type GigaServer, type GigaServerOptions, createGigaServer } from "../app-server";
import { AttemptLimiter } from "../auth/attempt-limits";
import { parseConfig } from "../config";
import { roomyRules } from "../limits";
import { type DatabaseKind, type TestDatabase, createTestDatabase } from "./databases";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  url: string;
  server: GigaServer;
  database: TestDatabase;
  client(): TestClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Share another test server's database (two nodes of one deployment). */
  database?: TestDatabase;
  authSecret?: string;
  env?: Record<string, string>;
  /** The configured limits (sends: 5 per 5 s, edits, reactions...); by default tests may act in bulk. */
  realSendLimits?: boolean;
  /** The configured sign-in/up attempt limits; by default tests may sign up in bulk. */
  realAttemptLimits?: boolean;
  socketFeatures?: GigaServerOptions["socketFeatures"];
  /** Where the server logs (a test that reads log lines); silent by default. */
  log?: GigaServerOptions["log"];
}

export async function startTestServer(kind: DatabaseKind, opts: TestServerOptions = {}): Promise<TestServer> {
  const database = opts.database ?? (await createTestDatabase(kind));
  // Uploaded files and temp files go to a directory of this server's own.
  const dataDir = await mkdtemp(path.join(tmpdir(), "giga-test-data-"));
  const config = parseConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    HOST: "127.0.0.1",
    BASE_URL: "http://127.0.0.1:3000",
    DATA_DIR: dataDir,
    ...opts.env,
  });
  const authSecret = opts.authSecret ?? TEST_AUTH_SECRET;
  const attemptLimiter = opts.realAttemptLimits ? undefined : new AttemptLimiter(1_000_000, 1_000_000, 60_000);
  const server = await createGigaServer({
    config,
    database,
    authSecret,
    authRateLimit: false,
    limits: opts.realSendLimits ? undefined : roomyRules(),
    attemptLimiter,
    socketFeatures: opts.socketFeatures,
    log: opts.log,
  });
  const address = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${address.port}`;
  const clients: TestClient[] = [];
  return {
    url,
    server,
    database,
    client: () => {
      const c = new TestClient(url);
      clients.push(c);
      return c;
    },
    close: async () => {
      for (const c of clients) c.disconnect();
      await server.close();
      if (!opts.database) await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

let counter = 0;
const TEST_AUTH_SECRET = randomBytes(32).toString("hex");

/** One person: a cookie jar, JSON requests and sockets. */
export class TestClient {
  cookie = "";
  user: SelfUser | null = null;
  private sockets: ClientSocket[] = [];

  /** `headers` go with every request, e.g. the Origin a browser would send. */
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...this.headers,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Redirects are answers to look at (better-auth's links answer with them).
      redirect: "manual",
    });
    const setCookies = res.headers.getSetCookie();
    if (setCookies.length) {
      const jar = new Map(this.cookie ? this.cookie.split("; ").map((kv) => kv.split("=", 2) as [string, string]) : []);
      for (const sc of setCookies) {
        const [pair] = sc.split(";");
        const [name, value] = pair!.split("=", 2) as [string, string];
        if (value === "" || /max-age=0/i.test(sc)) jar.delete(name);
        else jar.set(name, value);
      }
      this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    }
    const text = await res.text();
    const json = (res.headers.get("content-type") ?? "").includes("json");
    return { status: res.status, body: (text ? (json ? JSON.parse(text) : text) : null) as T, headers: res.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>("GET", path);
  }

  /** A multipart upload in the field `file`, as the browser sends it. */
  async upload<T = unknown>(path: string, filename: string, bytes: Uint8Array, method = "POST"): Promise<Reply<T>> {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)]), filename);
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { ...this.headers, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: form,
    });
    const text = await res.text();
    const json = (res.headers.get("content-type") ?? "").includes("json");
    return { status: res.status, body: (text ? (json ? JSON.parse(text) : text) : null) as T, headers: res.headers };
  }

  /** The raw bytes of a GET (files). */
  async download(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(this.baseUrl + path, { headers: { ...this.headers, ...(this.cookie ? { cookie: this.cookie } : {}) } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  post<T = unknown>(path: string, body: unknown = {}) {
    return this.request<T>("POST", path, body);
  }

  async signUp(name = `Person ${++counter}`, password = "correct horse battery"): Promise<SelfUser> {
    const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${randomBytes(4).toString("hex")}@example.test`;
    const res = await this.post("/api/auth/sign-up/email", { email, password, name });
    if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    const me = await this.get<SelfUser>("/api/v1/users/@me");
    this.user = me.body;
    return me.body;
  }

  /** Connects a socket with this person's cookie and waits until its rooms are joined. */
  async socket(opts: { transports?: ("websocket" | "polling")[] } = {}): Promise<ClientSocket> {
    const socket: ClientSocket = connect(this.baseUrl, {
      path: "/socket.io",
      transports: opts.transports ?? ["websocket"],
      extraHeaders: this.cookie ? { cookie: this.cookie } : {},
      reconnection: false,
      forceNew: true,
    });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("ready", () => resolve());
      socket.once("connect_error", (err) => reject(err));
    });
    return socket;
  }

  disconnect() {
    for (const s of this.sockets) s.disconnect();
  }
}

/** Collects every event of one name a socket receives. */
/**
 * A server named `serverName` owned by the first of `names`, with #general and an invite
 * the others joined through; everyone signed up under those names. Its "joined the
 * server" lines are off unless `systemMessages` (they are their own tests' subject, and
 * elsewhere only noise in histories and unread counts).
 */
export async function serverWithPeople(t: TestServer, names: string[], serverName = "Guild", opts: { systemMessages?: boolean } = {}) {
  const people: TestClient[] = [];
  for (const name of names) {
    const c = t.client();
    await c.signUp(name);
    people.push(c);
  }
  const owner = people[0]!;
  const server = (await owner.post<Server>("/api/v1/servers", { name: serverName })).body;
  const [general] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
  if (!opts.systemMessages) await owner.request("PATCH", `/api/v1/servers/${server.id}`, { systemChannelId: null });
  const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
  for (const p of people.slice(1)) {
    const joined = await p.post(`/api/v1/invites/${invite.code}`);
    if (joined.status !== 200) throw new Error(`joining failed: ${joined.status} ${JSON.stringify(joined.body)}`);
  }
  return { people, owner, server, general: general!, invite };
}

export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E) {
  const received: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event as "ready", ((payload: Parameters<ServerToClientEvents[E]>[0]) => received.push(payload)) as never);
  return received;
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting for condition");
    await new Promise((r) => setTimeout(r, 10));
  }
}
