/**
 * The SFU child process: forked by the embedded media backend, it speaks protocol.ts
 * over Node IPC. Every request gets exactly one reply; bad input is refused with a code
 * and never ends the process, so one broken browser cannot drop everyone's call.
 */
import { parseRequest } from "./commands";
import { SfuError } from "./errors";
import type { SfuMessage, SfuSettings } from "./protocol";
import { Rooms } from "./rooms";

function settingsFromEnv(env: NodeJS.ProcessEnv): SfuSettings {
  const port = (value: string | undefined) => (value ? Number(value) : undefined);
  return {
    listenIp: env.SFU_LISTEN_IP || "0.0.0.0",
    announcedIp: env.SFU_ANNOUNCED_IP || undefined,
    portMin: port(env.SFU_PORT_MIN),
    portMax: port(env.SFU_PORT_MAX),
  };
}

function send(message: SfuMessage): void {
  // The parent may be gone (shutting down): there is nobody left to tell.
  if (process.connected) process.send?.(message);
}

const rooms = new Rooms(settingsFromEnv(process.env), send);

process.on("message", (raw: unknown) => {
  const parsed = parseRequest(raw);
  if (!parsed.ok) {
    if (parsed.id !== null) send({ type: "reply", id: parsed.id, ok: false, code: "BAD_REQUEST", message: parsed.message });
    return;
  }
  const { id, ...command } = parsed.request;
  rooms.handle(command).then(
    (outcome) => {
      send({ type: "reply", id, ok: true, result: outcome.result });
      outcome.after?.();
    },
    (error: unknown) => {
      const code = error instanceof SfuError ? error.code : "INTERNAL";
      const message = error instanceof Error ? error.message : "failed";
      send({ type: "reply", id, ok: false, code, message });
    },
  );
});

// werift raises some network errors outside any promise we hold: one peer's fault must
// not end everyone's call.
process.on("uncaughtException", () => undefined);
process.on("unhandledRejection", () => undefined);

// Without the parent there is nobody to signal: leave instead of lingering.
process.on("disconnect", () => {
  rooms.closeAll();
  process.exit(0);
});

send({ type: "ready" });
