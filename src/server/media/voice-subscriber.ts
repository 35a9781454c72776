/**
 * Keeps voice rooms in step with access: a person kicked, banned, or who lost sight of
 * the room or Connect leaves it at once (`lost_access`); a deleted room or server ends
 * everyone's place (`channel_deleted`); losing Speak (a role, an overwrite, a timeout)
 * stops their audio on the media server; someone who left a group conversation, or was
 * removed from it, leaves its call (`lost_access`). Subscribed to the event bus; its work is async,
 * so it returns a promise and the bus queues its later batches.
 */
import type { EventSubscriber } from "../domain/event-bus";
import type { DomainEvent } from "../domain/events";
import { type HeldState, endPlace, forwardingOf, quietly, withVoiceLock } from "../domain/voice/places";
import { currentVoiceAbilities } from "../policies/voice";
import type { Services } from "../services";
import type { VoiceEndReason } from "@/shared/voice";

/** What to look at again: whole rooms that are gone, or people whose permissions may have changed. */
interface Work {
  deletedChannels: Set<string>;
  removed: Array<{ serverId: string; userId: string }>;
  /** People no longer in a conversation: out of its call. */
  leftConversations: Array<{ channelId: string; userId: string }>;
  /** server id -> the people to re-check there (null: everyone in its rooms). */
  recheck: Map<string, Set<string> | null>;
}

const RELEVANT: ReadonlySet<DomainEvent["type"]> = new Set([
  "channel.deleted",
  "server.deleted",
  "member.removed",
  "member.updated",
  "visibility.changed",
  "role.updated",
  "role.deleted",
  "channel.updated",
  "dm.closed",
]);

function plan(events: DomainEvent[]): Work | null {
  const work: Work = { deletedChannels: new Set(), removed: [], leftConversations: [], recheck: new Map() };
  const everyone = (serverId: string) => work.recheck.set(serverId, null);
  const one = (serverId: string, userId: string) => {
    const current = work.recheck.get(serverId);
    if (current === null) return;
    work.recheck.set(serverId, (current ?? new Set()).add(userId));
  };
  let relevant = false;
  for (const e of events) {
    if (!RELEVANT.has(e.type) || (e.type === "dm.closed" && !e.leaveRoom)) continue;
    relevant = true;
    switch (e.type) {
      case "channel.deleted":
        work.deletedChannels.add(e.channelId);
        break;
      case "server.deleted":
        for (const id of e.channelIds) work.deletedChannels.add(id);
        break;
      case "member.removed":
        work.removed.push({ serverId: e.serverId, userId: e.userId });
        break;
      case "dm.closed":
        // Only leaving a group counts (closing a 1:1 just hides it from the list, skipped above).
        work.leftConversations.push({ channelId: e.channelId, userId: e.userId });
        break;
      case "member.updated":
        one(e.member.serverId, e.member.user.id);
        break;
      case "visibility.changed":
      case "role.updated":
      case "role.deleted":
      case "channel.updated":
        everyone(e.serverId);
        break;
    }
  }
  return relevant ? work : null;
}

export class VoiceSubscriber implements EventSubscriber {
  readonly name = "voice";

  constructor(private readonly services: Services) {}

  handle(events: DomainEvent[]): void | Promise<void> {
    const work = plan(events);
    // Most batches (messages, reactions) concern no room: answered synchronously.
    if (!work) return;
    return this.apply(work);
  }

  private async apply(work: Work): Promise<void> {
    const told: DomainEvent[] = [];
    const record = (e: DomainEvent) => void told.push(e);
    const all = await this.services.voice.all();
    for (const state of all) {
      if (work.deletedChannels.has(state.channelId)) {
        await this.end(state, "channel_deleted", record);
      } else if (
        work.removed.some((r) => r.serverId === state.serverId && r.userId === state.userId) ||
        work.leftConversations.some((r) => r.channelId === state.channelId && r.userId === state.userId)
      ) {
        await this.end(state, "lost_access", record);
      } else if (state.serverId !== null && work.recheck.has(state.serverId)) {
        const people = work.recheck.get(state.serverId);
        if (!people || people.has(state.userId)) await this.recheck(state, record);
      }
    }
    this.services.events.publish(told);
  }

  /** Ends the place if it is still the one seen (the person may have moved or left meanwhile). */
  private async end(seen: HeldState, reason: VoiceEndReason, record: (e: DomainEvent) => void) {
    await withVoiceLock(seen.userId, async () => {
      const state = await this.services.voice.get(seen.userId);
      if (state?.channelId !== seen.channelId || state.socketId !== seen.socketId) return;
      await endPlace(this.services, state, reason, record);
    });
  }

  private async recheck(seen: HeldState, record: (e: DomainEvent) => void) {
    const abilities = await currentVoiceAbilities(this.services.db, BigInt(seen.channelId), seen.userId);
    if (!abilities) return this.end(seen, "lost_access", record);
    await withVoiceLock(seen.userId, async () => {
      const state = await this.services.voice.get(seen.userId);
      if (state?.channelId !== seen.channelId) return;
      await quietly(this.services, "forwarding", () =>
        this.services.media.setForwarding({ roomId: state.channelId, userId: state.userId }, forwardingOf(state, abilities)),
      );
    });
  }
}
