/**
 * The media backend the server uses, from the configuration: LiveKit when LIVEKIT_URL
 * and its key pair are set, otherwise the embedded SFU.
 *
 * Two things are added around the embedded backend. The SFU process starts with the first call
 * that needs it, so a server nobody calls on (and every test server) runs no media
 * process. And the media server's refusals become the API's stable errors: a malformed
 * answer or candidate is BAD_REQUEST, a peer it does not hold NOT_IN_VOICE.
 */
import type { Logger } from "pino";
import type { Config } from "../config";
import { AppError, errors } from "../errors";
import { type EmbeddedBackend, MediaError, createEmbeddedBackend } from "./embedded";
import type { LiveKitBackend } from "./livekit";
import { roomServiceUrl } from "./livekit-shared";
import { iceServersFor } from "./turn";
import type { MediaBackend, MediaSignal } from "./types";

export type { MediaBackend } from "./types";

function translate(err: unknown): unknown {
  if (!(err instanceof MediaError)) return err;
  if (err.code === "BAD_REQUEST") return errors.badRequest(`The media server refused this: ${err.message}`);
  if (err.code === "NOT_FOUND") return errors.notInVoice("The media server holds no place of yours in this room.");
  return err;
}

const translated =
  <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    try {
      return await run(...args);
    } catch (err) {
      throw translate(err);
    }
  };

export async function createMediaBackend(config: Config, log: Logger): Promise<EmbeddedBackend | LiveKitBackend> {
  if (config.LIVEKIT_URL && config.LIVEKIT_API_KEY && config.LIVEKIT_API_SECRET) {
    // livekit-server-sdk (100-130 ms to load) only when LiveKit is the backend.
    const { createLiveKitBackend } = await import("./livekit");
    return createLiveKitBackend(
      {
        url: config.LIVEKIT_URL,
        apiUrl: config.LIVEKIT_API_URL ?? roomServiceUrl(config.LIVEKIT_URL),
        apiKey: config.LIVEKIT_API_KEY,
        apiSecret: config.LIVEKIT_API_SECRET,
      },
      log.child({ module: "livekit" }),
    );
  }
  return createEmbeddedMedia(config, log);
}

function createEmbeddedMedia(config: Config, log: Logger): EmbeddedBackend {
  const listeners: Array<(event: MediaSignal) => void> = [];
  let backend: EmbeddedBackend | null = null;
  let closed = false;
  const started = (): EmbeddedBackend => {
    if (closed) throw new AppError(500, "INTERNAL", "The media server is closed.");
    if (!backend) {
      backend = createEmbeddedBackend(
        {
          listenIp: config.MEDIA_LISTEN_IP,
          announcedIp: config.MEDIA_ANNOUNCED_IP,
          portMin: config.MEDIA_PORT_MIN,
          portMax: config.MEDIA_PORT_MAX,
          iceServers: (userId) =>
            iceServersFor({ urls: config.TURN_URLS, secret: config.TURN_SECRET, ttlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS }, userId),
        },
        log.child({ module: "media" }),
      );
      for (const listener of listeners) backend.onSignal(listener);
    }
    return backend;
  };
  return {
    kind: "embedded",
    get pid() {
      return backend?.pid;
    },
    join: translated((peer, opts) => started().join(peer, opts)),
    // Nothing to leave, forward or list on a media server that never started.
    leave: translated(async (peer) => backend?.leave(peer)),
    answer: translated((peer, sdp) => started().answer(peer, sdp)),
    candidate: translated((peer, candidate) => started().candidate(peer, candidate)),
    publish: translated((peer, slot) => started().publish(peer, slot)),
    unpublish: translated((peer, slot) => started().unpublish(peer, slot)),
    setForwarding: translated(async (peer, forwarding) => backend?.setForwarding(peer, forwarding)),
    participants: translated(async (roomId) => (backend ? backend.participants(roomId) : [])),
    stats: () => started().stats(),
    onSignal(listener) {
      listeners.push(listener);
      backend?.onSignal(listener);
    },
    async close() {
      closed = true;
      await backend?.close();
    },
  } satisfies MediaBackend & EmbeddedBackend;
}
