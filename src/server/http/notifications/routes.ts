/**
 * Notifications over HTTP: my settings (defaults, per server, per channel or
 * conversation), my devices' push subscriptions and a test push, and the inbox.
 */
import { Hono } from "hono";
import {
  inboxQuery,
  pushSubscriptionInput,
  removePushSubscriptionInput,
  updateChannelNotificationsInput,
  updateNotificationPrefsInput,
  updateServerNotificationsInput,
  type PushPublicKey,
} from "@/shared/api/notifications";
import { execute } from "../../domain/context";
import { listInbox, readAllInbox } from "../../domain/notifications/inbox";
import {
  getNotificationSettings,
  updateChannelNotifications,
  updateNotificationPrefs,
  updateServerNotifications,
} from "../../domain/notifications/settings";
import { addPushSubscription, removePushSubscription, sendTestPush } from "../../domain/notifications/subscriptions";
import { type AppEnv, actorOf, idParam, jsonBody, optionalJsonBody, parse } from "../middleware";

const settings = "/users/@me/notification-settings";

export const notificationRoutes = new Hono<AppEnv>()
  .get(settings, async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, getNotificationSettings, {}));
  })
  .patch(settings, async (c) => {
    const actor = actorOf(c);
    const input = parse(updateNotificationPrefsInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, updateNotificationPrefs, input));
  })
  .put(`${settings}/servers/:serverId`, async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(updateServerNotificationsInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, updateServerNotifications, { ...input, serverId }));
  })
  .put(`${settings}/channels/:channelId`, async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(updateChannelNotificationsInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, updateChannelNotifications, { ...input, channelId }));
  })
  .get("/push/public-key", (c) => {
    actorOf(c);
    const body: PushPublicKey = { publicKey: c.get("services").notifier.publicKey };
    return c.json(body);
  })
  .post("/users/@me/push-subscriptions", async (c) => {
    const actor = actorOf(c);
    const input = parse(pushSubscriptionInput, await jsonBody(c));
    const context = { sessionId: c.get("sessionId"), userAgent: c.req.header("user-agent") ?? null };
    return c.json(await execute(c.get("services"), actor, addPushSubscription, { ...input, ...context }), 201);
  })
  .delete("/users/@me/push-subscriptions", async (c) => {
    const actor = actorOf(c);
    const { endpoint } = parse(removePushSubscriptionInput, await optionalJsonBody(c));
    await execute(c.get("services"), actor, removePushSubscription, { endpoint });
    return c.body(null, 204);
  })
  .post("/users/@me/notifications/test", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, sendTestPush, {}));
  })
  .get("/users/@me/inbox", async (c) => {
    const actor = actorOf(c);
    const query = parse(inboxQuery, c.req.query());
    return c.json(await execute(c.get("services"), actor, listInbox, query));
  })
  .post("/users/@me/inbox/read-all", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, readAllInbox, {}));
  });
