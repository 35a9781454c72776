/**
 * Reading the server's offer: which m-line carries which of my slots, and whose track
 * each other m-line brings. Pure, so the mapping is tested without a browser.
 */
import type { VoiceSlot } from "@/shared/voice";

export type PublishMids = Partial<Record<VoiceSlot, string>>;
export type MidOwners = Record<string, { userId: string; slot: VoiceSlot }>;

/** The slot my track goes out on for this m-line, if it is one of my publish slots. */
export function slotOfMid(publishMids: PublishMids, mid: string | null): VoiceSlot | undefined {
  if (mid === null) return undefined;
  for (const [slot, m] of Object.entries(publishMids) as Array<[VoiceSlot, string]>) {
    if (m === mid) return slot;
  }
  return undefined;
}

export interface Attachment {
  mid: string;
  slot: VoiceSlot;
}

/**
 * The publish m-lines I must fill now: those the offer opened for a slot I hold a track
 * for and that carry no track yet. A slot opened without a track is left alone (the
 * server only opens what I asked for; a camera turned off keeps its m-line, empty).
 */
export function attachmentsFor(
  publishMids: PublishMids,
  transceivers: Array<{ mid: string | null; sending: boolean }>,
  held: ReadonlySet<VoiceSlot>,
): Attachment[] {
  const out: Attachment[] = [];
  for (const t of transceivers) {
    const slot = slotOfMid(publishMids, t.mid);
    if (slot && t.mid !== null && !t.sending && held.has(slot)) out.push({ mid: t.mid, slot });
  }
  return out;
}

export type PersonTracks<T> = Partial<Record<VoiceSlot, T>>;

/**
 * Everyone else's tracks by person and slot, from the latest offer's owners. An m-line
 * missing from `midOwners` was released (its person left or stopped that slot).
 */
export function tracksByPerson<T>(owners: MidOwners, received: Array<{ mid: string | null; track: T }>): Record<string, PersonTracks<T>> {
  const out: Record<string, PersonTracks<T>> = {};
  for (const { mid, track } of received) {
    if (mid === null) continue;
    const owner = owners[mid];
    if (!owner) continue;
    (out[owner.userId] ??= {})[owner.slot] = track;
  }
  return out;
}
