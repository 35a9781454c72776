/**
 * The shape of each IPC request, checked in the SFU process: the app validates what the
 * browser sent, but the child trusts nothing it is given and answers BAD_REQUEST.
 */
import { z } from "zod";
import { sdpSchema, voiceCandidateInput, voiceSlots } from "@/shared/voice";
import type { SfuRequest } from "./protocol";

const ref = { roomId: z.string().min(1).max(64), userId: z.string().min(1).max(64) };
const slot = z.enum(voiceSlots);
const forwarding = z.object({ audio: z.boolean(), video: z.boolean(), deaf: z.boolean() });

const command = z.discriminatedUnion("type", [
  z.object({ type: z.literal("join"), ...ref, slots: z.array(slot).max(voiceSlots.length), forwarding }),
  z.object({ type: z.literal("leave"), ...ref }),
  z.object({ type: z.literal("answer"), ...ref, sdp: sdpSchema }),
  z.object({ type: z.literal("candidate"), ...ref, candidate: voiceCandidateInput.shape.candidate }),
  z.object({ type: z.literal("publish"), ...ref, slot }),
  z.object({ type: z.literal("unpublish"), ...ref, slot }),
  z.object({ type: z.literal("forwarding"), ...ref, forwarding }),
  z.object({ type: z.literal("participants"), roomId: ref.roomId }),
  z.object({ type: z.literal("stats") }),
]);

const request = z.intersection(command, z.object({ id: z.number().int() }));

/** The request, or an error naming the id (when there is one) to answer with. */
export function parseRequest(raw: unknown): { ok: true; request: SfuRequest } | { ok: false; id: number | null; message: string } {
  const parsed = request.safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data };
  const id = typeof raw === "object" && raw !== null && "id" in raw && typeof raw.id === "number" ? raw.id : null;
  return { ok: false, id, message: parsed.error.issues[0]?.message ?? "malformed request" };
}
