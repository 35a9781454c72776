/**
 * Voice state from LiveKit's webhooks (already verified: media/livekit-webhook.ts). The
 * state stays ours; LiveKit only tells us when connections come and go, and each notice
 * moves a place through the same steps as on the embedded SFU (withVoiceLock, endPlace):
 *
 * - participant_joined: the place this process made at the join is confirmed, and what
 *   was decided meanwhile (a mute, a deafen) is applied to the participant. A place
 *   LiveKit had dropped comes back when the same token reconnects within its life. A
 *   connection on a token whose place the app ended (left, disconnected, moved, lost
 *   access) is removed from the room. A person this process never issued a token for is
 *   left alone: another app process may have (each lists its own webhook URL).
 * - participant_left: the place ends (`voice.left` to the room's viewers,
 *   `connection_lost` to the device, which joins again) unless the notice is about a
 *   connection already replaced, or the person is already elsewhere.
 * - room_finished: every place confirmed in that room ends the same way.
 * - track_published: a sound track is not sent to those deafened in that room.
 */
import type { WebhookEvent, WebhookEventNames } from "livekit-server-sdk";
import type { LiveKitBackend } from "../../media/livekit";
import { TOKEN_TTL_SECONDS } from "../../media/livekit-shared";
import { publicState } from "../../media/voice-state";
import { currentVoiceAbilities } from "../../policies/voice";
import type { Services } from "../../services";
import type { DomainEvent } from "../events";
import { type HeldState, endPlace, forwardingOf, withVoiceLock } from "./places";

interface Notice {
  services: Services;
  livekit: LiveKitBackend;
  event: WebhookEvent;
  record: (event: DomainEvent) => void;
}

type Handler = (notice: Notice) => Promise<void>;

async function participantJoined({ services, livekit, event, record }: Notice): Promise<void> {
  const roomId = event.room?.name;
  const { identity: userId, sid } = event.participant ?? {};
  if (!roomId || !userId || !sid) return;
  await withVoiceLock(userId, async () => {
    const state = await services.voice.get(userId);
    const issued = livekit.connections.get(userId);
    if (issued?.roomId !== roomId) {
      services.log.info({ roomId, userId }, "livekit: a participant this process issued no token for; left alone");
      return;
    }
    if (state?.channelId === roomId && !issued.ended) {
      await livekit.confirm(roomId, userId, sid);
      return;
    }
    const recent = Date.now() - issued.issuedAt < TOKEN_TTL_SECONDS * 1000;
    if (!state && recent && issued.ended?.by === "media") {
      const abilities = await currentVoiceAbilities(services.db, BigInt(roomId), userId);
      if (abilities) {
        const place: HeldState = issued.ended.place;
        issued.ended = undefined;
        await services.voice.set(place);
        issued.forwarding = forwardingOf(place, abilities);
        await livekit.confirm(roomId, userId, sid);
        record({ type: "voice.state", state: publicState(place) });
        return;
      }
    }
    await livekit.refuse(roomId, userId);
  });
}

/** Ends the place LiveKit no longer carries, if the notice is about the connection that holds it. */
async function dropped({ services, livekit, record }: Notice, roomId: string, userId: string, sid: string | null): Promise<void> {
  await withVoiceLock(userId, async () => {
    const state = await services.voice.get(userId);
    const issued = livekit.connections.get(userId);
    if (state?.channelId !== roomId || issued?.roomId !== roomId || issued.ended) return;
    if (sid !== null ? !livekit.connections.isCurrent(userId, sid) : !issued.sid) return;
    await endPlace(services, state, "connection_lost", record);
    livekit.connections.endedByMedia(userId, state);
  });
}

const handlers: Partial<Record<WebhookEventNames, Handler>> = {
  participant_joined: participantJoined,
  async participant_left(notice) {
    const roomId = notice.event.room?.name;
    const { identity, sid } = notice.event.participant ?? {};
    if (roomId && identity && sid) await dropped(notice, roomId, identity, sid);
  },
  async participant_connection_aborted(notice) {
    await handlers.participant_left?.(notice);
  },
  async room_finished(notice) {
    const roomId = notice.event.room?.name;
    if (!roomId) return;
    // Only confirmed connections: a person who has a token but has not connected yet is
    // bound for the room's next session, not this one.
    for (const state of await notice.services.voice.inRoom(roomId)) await dropped(notice, roomId, state.userId, null);
  },
  async track_published({ livekit, event }) {
    const roomId = event.room?.name;
    const { identity } = event.participant ?? {};
    if (roomId && identity && event.track) await livekit.trackPublished(roomId, identity, event.track);
  },
};

export async function applyLiveKitEvent(services: Services, livekit: LiveKitBackend, event: WebhookEvent): Promise<void> {
  const handler = handlers[event.event];
  if (!handler) return;
  const told: DomainEvent[] = [];
  try {
    await handler({ services, livekit, event, record: (e) => void told.push(e) });
  } finally {
    services.events.publish(told);
  }
}
