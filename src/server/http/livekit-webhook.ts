/**
 * LiveKit's webhook: `POST /api/livekit/webhook`, the URL an operator puts in LiveKit's
 * `webhook: urls:`. Outside /api/v1 (no session, no origin check: LiveKit is no
 * browser); the notice's signature is its authentication. The body is read raw, as
 * signed, and capped small; an unsigned, forged, stale or replayed notice is refused
 * with 401 UNAUTHORIZED and changes nothing. Answered 404 when LiveKit is not configured.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { applyLiveKitEvent } from "../domain/voice/livekit-events";
import { AppError, errors } from "../errors";
import { WebhookRefused, isLiveKit } from "../media/livekit-shared";
import type { AppEnv } from "./middleware";

/** A notice is a few kilobytes (a room, a participant and its tracks). */
export const WEBHOOK_BODY_MAX_BYTES = 64 * 1024;

export const livekitWebhookRoutes = new Hono<AppEnv>().post(
  "/webhook",
  bodyLimit({
    maxSize: WEBHOOK_BODY_MAX_BYTES,
    onError: () => {
      throw errors.payloadTooLarge(`A webhook body can be at most ${WEBHOOK_BODY_MAX_BYTES / 1024} KB.`);
    },
  }),
  async (c) => {
    const services = c.get("services");
    const { media } = services;
    if (!isLiveKit(media)) throw errors.notFound("LiveKit");
    let event;
    try {
      event = await media.webhook.accept(await c.req.text(), c.req.header("authorization"));
    } catch (err) {
      if (!(err instanceof WebhookRefused)) throw err;
      services.log.warn({ why: err.why }, "livekit: webhook refused");
      throw new AppError(401, "UNAUTHORIZED", err.message, { reason: err.why });
    }
    await applyLiveKitEvent(services, media, event);
    return c.json({ ok: true });
  },
);
