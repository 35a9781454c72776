/** Giga Chat's real server (no Next.js) on the database the driver gives it (common.ts). */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { createGigaServer } from "../../src/server/app-server";
import { parseConfig } from "../../src/server/config";
import { roomyRules } from "../../src/server/limits";
import { benchDatabase, serveIpc } from "./common";

const database = await benchDatabase({ migrate: true });
const config = parseConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", HOST: "127.0.0.1", BASE_URL: "http://127.0.0.1:3000" });
// The per-person send limit would cap the measurement itself, so it is lifted here.
const limits = roomyRules();
const server = await createGigaServer({ config, database, authSecret: randomBytes(32).toString("hex"), authRateLimit: false, limits, backgroundJobs: false });
const address = await server.listen(0, "127.0.0.1");
const send = serveIpc(
  (text) => database.db.execute(sql.raw(text)),
  async () => {
    await server.close();
    await database.close();
  },
);
send({ type: "ready", url: `http://127.0.0.1:${address.port}` });
