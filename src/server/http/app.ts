/**
 * The HTTP API: better-auth under /api/auth, our resources under /api/v1. Every route
 * reads as its steps: session -> actor -> validated input -> domain -> presenter.
 */
import { Hono } from "hono";
import { trustedOrigins } from "../config";
import type { Services } from "../services";
import { callRoutes, myCallRoutes } from "./calls/routes";
import { messageRoutes } from "./channels/messages";
import { notificationRoutes } from "./notifications/routes";
import { channelRoutes } from "./channels/routes";
import { inviteRoutes } from "./invites/routes";
import { dmRoutes } from "./dms/routes";
import { fileRoutes } from "./files/routes";
import { type AppEnv, authInputGate, formatError, originCheck, session, withRequestId } from "./middleware";
import { channelSearchRoutes, searchRoutes } from "./search/routes";
import { memberRoutes } from "./servers/members";
import { roleRoutes } from "./servers/roles";
import { serverRoutes } from "./servers/routes";
import { authInfoRoutes, userRoutes } from "./users/routes";
import { voiceRoutes } from "./voice/routes";
import { livekitWebhookRoutes } from "./livekit-webhook";
import { attemptLimits } from "../auth/attempt-limits";
import { gzipJson } from "./gzip-json";
import { requestBodyLimit } from "./body-limit";
import { apiSecurityHeaders } from "./security-headers";
import { requestContext } from "./request-context";
import { opsRoutes } from "../ops/routes";

export function createHttpApp(services: Services) {
  const app = new Hono<AppEnv>();
  app.onError(formatError);
  app.notFound((c) => c.json(withRequestId({ error: { code: "NOT_FOUND", message: "No such route." } }, c), 404));
  // First: the request id, the logger that carries it, and the response counted by route.
  app.use("*", requestContext(services));
  app.use("*", apiSecurityHeaders({ https: services.config.BASE_URL.startsWith("https://") }));
  // Before anything reads a body: better-auth, the attempt limits and our routes.
  app.use("/api/*", requestBodyLimit());

  app.route("/", opsRoutes({
      readiness: services.readiness,
      metrics: services.metrics,
      metricsToken: services.config.METRICS_TOKEN,
      leading: () => services.leadership.leading,
    }),);
  app.use("/api/auth/*", authInputGate, attemptLimits(services.attemptLimiter));
  app.on(["GET", "POST"], "/api/auth/*", (c) => services.auth.handler(c.req.raw));
  // Signed by LiveKit, not sent by a browser: outside /api/v1's session and origin check.
  app.route("/api/livekit", livekitWebhookRoutes);

  app.use("/api/v1/*", gzipJson());
  const v1 = new Hono<AppEnv>();
  v1.use("*", originCheck(trustedOrigins(services.config)), session);
  v1.route("/auth", authInfoRoutes);
  v1.route("/users", userRoutes);
  v1.route("/users", myCallRoutes);
  v1.route("/servers", serverRoutes);
  v1.route("/servers", roleRoutes);
  v1.route("/servers", memberRoutes);
  v1.route("/servers", searchRoutes);
  v1.route("/servers", voiceRoutes);
  v1.route("/channels", channelRoutes);
  v1.route("/channels", messageRoutes);
  v1.route("/channels", channelSearchRoutes);
  v1.route("/channels", callRoutes);
  v1.route("/invites", inviteRoutes);
  v1.route("/dms", dmRoutes);
  v1.route("/", fileRoutes);
  v1.route("/", notificationRoutes);
  app.route("/api/v1", v1);
  return app;
}

export type HttpApp = ReturnType<typeof createHttpApp>;
