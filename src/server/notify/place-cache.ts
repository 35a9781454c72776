/**
 * Where a message was sent (notify/recipients.ts `Place`), held in the process so that
 * the fan-out of an everyday message (no mention, no reply) runs no query at all.
 *
 * A place holds names and who asked for every message there, so an entry is dropped by
 * the committed events that change any of it (cluster/invalidation.ts, on this process
 * and on every other one): anything touching its server (a rename, a channel's change, a
 * member joining or leaving) drops that server's places, a group conversation's change
 * drops its place, and a person's notification settings drop every place (rare, and their servers are not known here). A load that
 * began before a drop is not kept after it, and nothing is kept longer than
 * `PLACE_TTL_MS`, a bound on a change that would reach the database without an event.
 */
import type { Place } from "./recipients";

export const PLACE_TTL_MS = 30_000;
const MAX_PLACES = 10_000;

interface Entry {
  place: Place | null;
  loadedAt: number;
}

export class PlaceCache {
  private readonly entries = new Map<bigint, Entry>();
  /** Bumped by every drop: a load begun before it is not kept. */
  private generation = 0;

  async get(channelId: bigint, load: () => Promise<Place | null>): Promise<Place | null> {
    const known = this.entries.get(channelId);
    if (known && Date.now() - known.loadedAt < PLACE_TTL_MS) return known.place;
    const generation = this.generation;
    const loadedAt = Date.now();
    const place = await load();
    if (generation === this.generation) {
      this.entries.delete(channelId);
      if (this.entries.size >= MAX_PLACES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(channelId, { place, loadedAt });
    }
    return place;
  }

  /** One channel's place (a group conversation renamed). */
  drop(channelId: bigint): void {
    this.generation++;
    this.entries.delete(channelId);
  }

  /** The places of one server (its channels); a channel not known yet is not kept either. */
  dropServer(serverId: bigint): void {
    this.generation++;
    for (const [channelId, entry] of this.entries) {
      if (entry.place === null || entry.place.serverId === serverId) this.entries.delete(channelId);
    }
  }

  dropAll(): void {
    this.generation++;
    this.entries.clear();
  }
}

/** One cache per database handle, as the access cache. */
const caches = new WeakMap<object, PlaceCache>();

export function placeCacheFor(db: object): PlaceCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new PlaceCache()));
  return cache;
}
