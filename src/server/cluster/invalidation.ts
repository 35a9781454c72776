/**
 * Keeps the in-process caches (resolved sessions, permission inputs, notification places) true to committed
 * changes, on this process and on every other one.
 *
 * It subscribes to the event bus ahead of the socket publisher: each committed batch
 * drops here, synchronously, the servers, sessions and people it touches. With Redis it
 * also sends that scope to the other processes (`serverSideEmitWithAck`, the way
 * `push.queued` travels) and keeps the promise of their acknowledgements: `execute`
 * (and the better-auth hooks) wait for it, so once a change is answered, no process
 * answers from what it replaced. A process that does not answer in time is logged; its
 * entries still expire within their short bound.
 */
import type { Logger } from "pino";
import type { DomainEvent } from "../domain/events";
import type { EventSubscriber } from "../domain/event-bus";
import type { AccessCache } from "../policies/access-cache";
import type { PlaceCache } from "../notify/place-cache";
import type { SessionChange } from "../auth/session";
import type { Io } from "../realtime/publisher";

const REMOTE_EVENT = "cache.invalidate";
const REMOTE_TIMEOUT_MS = 2_000;

/** What a change touches: JSON, as it travels between processes. */
export interface InvalidationScope {
  serverIds: string[];
  sessionIds: string[];
  userIds: string[];
  /** People whose notification settings changed: who hears every message of a place. */
  notifyUserIds: string[];
  /** Conversations renamed or whose people changed: their notification places. */
  channelIds: string[];
  /** Drop everything (an event this module does not know how to scope). */
  all: boolean;
}

/** Which caches a committed event makes stale. Every event type is named: a new one must be placed here. */
function scopeOf(e: DomainEvent, scope: InvalidationScope): void {
  switch (e.type) {
    case "user.updated":
      scope.userIds.push(e.userId);
      return;
    case "session.ended":
      scope.sessionIds.push(e.sessionId);
      return;
    case "channel.created":
    case "channel.updated":
    case "channel.deleted":
    case "role.created":
    case "role.updated":
    case "role.deleted":
    case "visibility.changed":
    case "member.removed":
    case "server.deleted":
      scope.serverIds.push(e.serverId);
      return;
    case "member.added":
      scope.serverIds.push(e.server.id);
      return;
    case "member.updated":
      scope.serverIds.push(e.member.serverId);
      return;
    case "server.updated":
      scope.serverIds.push(e.server.id);
      return;
    // A group's name is in its notification place; conversations' access is checked by query.
    case "dm.updated":
      scope.channelIds.push(e.channel.id);
      return;
    // The rest change no access and no place.
    case "dm.joined":
    case "dm.opened":
    case "dm.closed":
    case "blocks.updated":
    case "message.created":
    case "message.deleted":
    case "message.updated":
    case "reaction.added":
    case "reaction.removed":
    case "read.updated":
    case "user.appearance.updated":
    case "voice.state":
    case "voice.left":
    case "voice.ended":
    case "voice.moved":
    case "call.updated":
    case "call.ended":
    case "notification.created":
      return;
    case "notification.settings.updated":
      scope.notifyUserIds.push(e.userId);
      return;
    default: {
      const unknown: never = e;
      void unknown;
      scope.all = true;
    }
  }
}

const isEmpty = (s: InvalidationScope) =>
  !s.all && s.serverIds.length === 0 && s.sessionIds.length === 0 && s.userIds.length === 0 && s.notifyUserIds.length === 0 && s.channelIds.length === 0;
const emptyScope = (): InvalidationScope => ({ serverIds: [], sessionIds: [], userIds: [], notifyUserIds: [], channelIds: [], all: false });

export class CacheInvalidation implements EventSubscriber {
  readonly name = "cache invalidation";
  private sessions: { forget(change: SessionChange): void } | undefined;
  private remote: ((scope: InvalidationScope) => Promise<unknown>) | undefined;
  /** The other processes' acknowledgements, per published batch. */
  private readonly pendingByBatch = new WeakMap<DomainEvent[], Promise<void>>();

  constructor(
    private readonly access: AccessCache,
    private readonly places: PlaceCache,
    private readonly log: Pick<Logger, "warn">,
  ) {}

  /** The session resolver is made after the bus; it is told from then on. */
  trackSessions(sessions: { forget(change: SessionChange): void }): void {
    this.sessions = sessions;
  }

  /**
   * With the Redis adapter: scopes go to the other processes, and theirs come here. The
   * listener is set before the adapter, so this process acknowledges from its first moment.
   */
  connect(io: Io): void {
    io.on(REMOTE_EVENT, (scope: InvalidationScope, ack?: () => void) => {
      this.apply(scope);
      ack?.();
    });
    this.remote = (scope) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no acknowledgement in time")), REMOTE_TIMEOUT_MS);
      });
      const acked = io.serverSideEmitWithAck(REMOTE_EVENT, scope);
      return Promise.race([acked, late]).finally(() => clearTimeout(timer));
    };
  }

  handle(events: DomainEvent[]): void {
    const scope = emptyScope();
    for (const e of events) scopeOf(e, scope);
    if (isEmpty(scope)) return;
    const pending = this.spread(scope);
    if (pending) this.pendingByBatch.set(events, pending);
  }

  /**
   * Resolves once every other process has dropped what this batch touched (undefined
   * when there is nothing to wait for: one process, or a batch that touches no cache).
   */
  settled(events: DomainEvent[]): Promise<void> | undefined {
    return this.pendingByBatch.get(events);
  }

  /** A person's row changed outside an event (username, status, better-auth's own updates). */
  forgetUser(userId: string): Promise<void> {
    return this.spread({ ...emptyScope(), userIds: [userId] }) ?? Promise.resolve();
  }

  private spread(scope: InvalidationScope): Promise<void> | undefined {
    this.apply(scope);
    if (!this.remote) return undefined;
    return this.remote(scope).then(
      () => undefined,
      (err: unknown) => this.log.warn({ err, scope }, "a process did not confirm a cache invalidation in time"),
    );
  }

  private apply(scope: InvalidationScope): void {
    if (scope.all) {
      this.access.dropAll();
      this.places.dropAll();
      this.sessions?.forget({ all: true });
      return;
    }
    for (const id of scope.serverIds) {
      this.access.drop(BigInt(id));
      this.places.dropServer(BigInt(id));
    }
    // A scope from a process of an older build has no such list.
    if (scope.notifyUserIds?.length) this.places.dropAll();
    for (const id of scope.channelIds ?? []) this.places.drop(BigInt(id));
    if (scope.sessionIds.length || scope.userIds.length) {
      this.sessions?.forget({ sessionIds: scope.sessionIds, userIds: scope.userIds });
    }
  }
}
