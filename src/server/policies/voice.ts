/**
 * Who may enter a voice room and do what in it: Connect to enter, Speak for the
 * microphone (a timeout takes it, with Connect), Video for the camera and the screen,
 * and Mute / Deafen / Move Members for moderators. Built on access.ts; nothing here
 * reads a permission bit any other way.
 */
import { Permission, type PermissionName } from "@/shared/permissions";
import type { VoiceSlot } from "@/shared/voice";
import type { Tx } from "../db/client";
import { AppError, errors } from "../errors";
import { type ChannelAccess, type ServerChannelAccess, can, requireChannelAccess, requirePermission } from "./access";
import { type ConversationAccess, requireNoBlock } from "./calls";

export interface VoiceAbilities {
  connect: boolean;
  speak: boolean;
  video: boolean;
}

const VOICE_TYPES: ReadonlySet<string> = new Set(["audio", "video"]);

/**
 * A server's voice or video channel the person may see. A channel they cannot see, or in
 * a server they are not in, answers exactly like one that does not exist: a room's
 * existence is not told to outsiders.
 */
export async function requireVoiceChannel(tx: Tx, channelId: bigint, userId: string): Promise<ServerChannelAccess> {
  let access;
  try {
    access = await requireChannelAccess(tx, channelId, userId);
  } catch (err) {
    if (err instanceof AppError && err.code === "FORBIDDEN") throw errors.notFound("Channel");
    throw err;
  }
  // A call's room is never reached from a server's voice routes (a move, say).
  if (!access.server) throw errors.notFound("Channel");
  if (!VOICE_TYPES.has(access.channel.type)) throw errors.badRequest("This is not a voice or video channel.");
  return access as ServerChannelAccess;
}

/**
 * A room one may enter: a server's voice or video channel, or a direct conversation's
 * call (its participants; a 1:1 where either blocked the other is DM_REFUSED).
 */
export async function requireVoiceRoom(tx: Tx, channelId: bigint, userId: string): Promise<ChannelAccess> {
  const access = await requireChannelAccess(tx, channelId, userId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "FORBIDDEN") throw errors.notFound("Channel");
    throw err;
  });
  if (!access.server) {
    await requireNoBlock(tx, access as ConversationAccess, userId);
    return access;
  }
  if (!VOICE_TYPES.has(access.channel.type)) throw errors.badRequest("This is not a voice or video channel.");
  return access;
}

export function voiceAbilities(permissions: bigint): VoiceAbilities {
  return {
    connect: can(permissions, Permission.Connect),
    speak: can(permissions, Permission.Speak),
    video: can(permissions, Permission.Video),
  };
}

/** The permission a slot needs: the microphone Speak, the camera and the screen (with its sound) Video. */
export function slotPermission(slot: VoiceSlot): bigint {
  return slot === "audio" ? Permission.Speak : Permission.Video;
}

/** Entering a room with these slots: Connect, then what each slot needs (refused, not silently dropped). */
export function requireVoiceJoin(permissions: bigint, slots: readonly VoiceSlot[]): void {
  requirePermission(permissions, Permission.Connect);
  for (const slot of slots) requirePermission(permissions, slotPermission(slot));
}

const ABILITY_PERMISSION = { connect: "Connect", speak: "Speak", video: "Video" } as const satisfies Record<keyof VoiceAbilities, PermissionName>;

export function requireAbility(abilities: VoiceAbilities, ability: keyof VoiceAbilities): void {
  if (!abilities[ability]) throw errors.missingPermissions([ABILITY_PERMISSION[ability]]);
}

/** Opening a slot mid-call, with the permissions as they are now. */
export function requireSlot(abilities: VoiceAbilities, slot: VoiceSlot): void {
  requireAbility(abilities, slot === "audio" ? "speak" : "video");
}

/** A moderator's change: each part needs its own permission in the room the person is in. */
export function requireVoiceModeration(
  permissions: bigint,
  change: { serverMute?: boolean; serverDeaf?: boolean; move?: boolean; disconnect?: boolean },
): void {
  if (change.serverMute !== undefined) requirePermission(permissions, Permission.MuteMembers);
  if (change.serverDeaf !== undefined) requirePermission(permissions, Permission.DeafenMembers);
  if (change.move || change.disconnect) requirePermission(permissions, Permission.MoveMembers);
}

/**
 * Whether a person still belongs in the room they are in, and what they may send: null
 * when they lost sight of it, the server or Connect (they must leave).
 */
export async function currentVoiceAbilities(tx: Tx, channelId: bigint, userId: string): Promise<VoiceAbilities | null> {
  try {
    const access = await requireChannelAccess(tx, channelId, userId);
    const abilities = voiceAbilities(access.permissions);
    return abilities.connect ? abilities : null;
  } catch (err) {
    if (err instanceof AppError && (err.code === "FORBIDDEN" || err.code === "NOT_FOUND")) return null;
    throw err;
  }
}
