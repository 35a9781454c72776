/**
 * The baseline: bare Node + Socket.IO + the same database, one INSERT and one room emit
 * per send, one keyset query with a join per history page. No auth, no permissions.
 *
 * Forked by the driver it answers its IPC (seed, stats) on a port of its own choosing.
 * Run on its own (bundled to plain JavaScript by the driver, to time its start the way
 * the production build's is timed) it listens on PORT and answers `GET /health`, as
 * the production server answers `/api/health`.
 */
import http from "node:http";
import { sql } from "drizzle-orm";
import { Server } from "socket.io";
import { benchDatabase, serveIpc } from "./common";

// Its own three statements are its migrations: on existing data they change nothing.
const database = await benchDatabase({ migrate: false });
const db = database.db;
await db.execute(sql`create table if not exists bare_users (id text primary key, name text not null)`);
await db.execute(sql`create table if not exists bare_messages (id bigserial primary key, channel_id bigint not null, author_id text not null references bare_users(id), content text not null, created_at timestamptz not null default now())`);
await db.execute(sql`create index if not exists bare_messages_channel_id_id_idx on bare_messages (channel_id, id)`);
await db.execute(sql`insert into bare_users values ('u1', 'Sender') on conflict do nothing`);

function body(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });
}

const httpServer = http.createServer(async (req, res) => {
  if (req.url?.startsWith("/socket.io/")) return;
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "GET" && url.pathname === "/health") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    return;
  }
  if (req.method === "POST" && url.pathname === "/send") {
    const { content, channelId } = JSON.parse(await body(req)) as { content: string; channelId: string };
    const rows = await db.execute<{ id: string; created_at: string }>(
      sql`insert into bare_messages (channel_id, author_id, content) values (${channelId}, 'u1', ${content}) returning id, created_at`,
    );
    const row = (rows as unknown as { rows: { id: string; created_at: string }[] }).rows[0]!;
    const message = { id: String(row.id), channelId, content, author: { id: "u1", name: "Sender" }, createdAt: row.created_at };
    io.to(`channel:${channelId}`).emit("message.created", { channelId, message });
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(message));
    return;
  }
  if (req.method === "GET" && url.pathname === "/history") {
    const channelId = url.searchParams.get("channelId")!;
    const before = url.searchParams.get("before") ?? "9223372036854775807";
    const rows = await db.execute(
      sql`select m.id, m.content, m.created_at, u.id as author_id, u.name from bare_messages m join bare_users u on u.id = m.author_id where m.channel_id = ${channelId} and m.id < ${before} order by m.id desc limit 50`,
    );
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify((rows as unknown as { rows: unknown[] }).rows));
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(httpServer, { serveClient: false });
io.on("connection", (socket) => {
  void socket.join(`channel:${String(socket.handshake.query.channelId)}`);
  socket.emit("ready", { userId: "u", version: 1 });
});
const stop = async () => {
  io.close();
  await database.close();
};
await new Promise<void>((resolve) => httpServer.listen(process.send ? 0 : Number(process.env.PORT), "127.0.0.1", resolve));
if (process.send) {
  const port = (httpServer.address() as { port: number }).port;
  const send = serveIpc((text) => db.execute(sql.raw(text)), stop);
  send({ type: "ready", url: `http://127.0.0.1:${port}` });
} else {
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
}
