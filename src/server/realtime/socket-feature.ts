/**
 * How a feature plugs into the socket: a `SocketFeature` lists the client events it
 * handles (each with its own payload schema), and may hook a socket's connect and its
 * one disconnect path. The gateway attaches every feature in `features/index.ts`;
 * adding voice is one more entry there, not a branch in the gateway.
 *
 * Every handler is wrapped the same way: the payload is validated (VALIDATION_FAILED
 * otherwise; an object payload with fields its schema does not name is refused too), an
 * `AppError` answers its stable code, anything else is logged and answers INTERNAL. A handler's return value is the ack (`{ ok: true }` when it returns nothing).
 */
import type { Socket } from "socket.io";
import { z } from "zod";
import type { ClientToServerEvents, ServerToClientEvents, SocketAck } from "@/shared/events";
import { isUnavailable } from "../db/unavailable";
import { AppError, errors } from "../errors";
import { newRequestId } from "../ops/request-id";
import type { Services } from "../services";
import type { Io } from "./publisher";

/** What the gateway learns about a socket's person at connect. */
export interface SocketData {
  userId: string;
  userName: string;
  sessionId: string;
  /** What the person sees, read with the session's check at the handshake; the connection feature joins it and drops it. */
  rooms?: { serverIds: bigint[]; channelIds: bigint[] };
}

export type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketContext {
  io: Io;
  socket: ClientSocket;
  services: Services;
}

export type ClientEventName = keyof ClientToServerEvents;
type Args<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>;
type AckOf<E extends ClientEventName> = Extract<Args<E>[number], (result: never) => void>;
/** What the event's ack carries (`SocketAck` for most; `{ now }` for ping). */
export type AckResult<E extends ClientEventName> = [AckOf<E>] extends [never]
  ? void
  : AckOf<E> extends (result: infer R) => void
    ? R
    : void;
/** The event's payload: its first argument unless that is the ack. */
export type Payload<E extends ClientEventName> = Args<E> extends [infer P, ...unknown[]]
  ? P extends (...a: never[]) => void
    ? undefined
    : P
  : undefined;

export interface SocketHandler<E extends ClientEventName, State> {
  input: z.ZodType<Payload<E>>;
  handle(input: Payload<E>, ctx: SocketContext, state: State): AckResult<E> | void | Promise<AckResult<E> | void>;
}

export interface SocketFeature<State = undefined> {
  readonly name: string;
  /** Per-socket state (a throttle's clock...), made at connect and handed to every hook. */
  init?(ctx: SocketContext): State;
  /** Runs in list order once the socket is authenticated; a throw disconnects the socket. */
  connected?(ctx: SocketContext, state: State): void | Promise<void>;
  handlers?: { [E in ClientEventName]?: SocketHandler<E, State> };
  /** The one disconnect path: every feature hears it, whatever the reason. */
  disconnected?(ctx: SocketContext, state: State, reason: string): void;
}

/** Keeps a feature's state type while letting different features sit in one list. */
export function defineFeature<State = undefined>(feature: SocketFeature<State>): SocketFeature<unknown> {
  return feature as SocketFeature<unknown>;
}

/**
 * The ack of a failed event. An unexpected failure gets an id, logged with it and sent
 * in the ack, so a person's report leads to the log line (refusals need none).
 */
export function failure(err: unknown, services: Pick<Services, "log">, event?: string): Extract<SocketAck, { ok: false }> {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
  const requestId = newRequestId();
  if (isUnavailable(err)) {
    const { code, message } = errors.unavailable();
    services.log.warn({ requestId, event, err: (err as Error).message }, "socket event failed: database unavailable");
    return { ok: false, error: { code, message, requestId } };
  }
  services.log.error({ err, requestId, event }, "socket event failed");
  return { ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side.", requestId } };
}

type AnyHandler = SocketHandler<ClientEventName, unknown>;

const strictInputs = new WeakMap<z.ZodType, z.ZodType>();

/** The handler's schema, refusing unknown fields when its payload is an object. */
function strictInput<T>(schema: z.ZodType<T>): z.ZodType<T> {
  let strict = strictInputs.get(schema);
  if (!strict) {
    strict = schema instanceof z.ZodObject ? schema.strict() : schema;
    strictInputs.set(schema, strict);
  }
  return strict as z.ZodType<T>;
}

function bind(ctx: SocketContext, event: ClientEventName, handler: AnyHandler, state: unknown) {
  const listener = async (...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === "function" ? (last as (result: unknown) => void) : undefined;
    const payload = typeof args[0] === "function" ? undefined : args[0];
    try {
      const parsed = strictInput(handler.input).safeParse(payload);
      if (!parsed.success) {
        throw errors.validation(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
      }
      const result = await handler.handle(parsed.data, ctx, state);
      ack?.(result ?? { ok: true });
    } catch (err) {
      ack?.(failure(err, ctx.services, event));
    }
  };
  (ctx.socket as unknown as { on(event: string, fn: (...args: unknown[]) => void): void }).on(event, listener);
}

/**
 * Runs every feature's `connected` hook in order, then registers their handlers and the
 * disconnect path. Resolves false (and disconnects) when a hook failed.
 */
export async function attachFeatures(ctx: SocketContext, features: readonly SocketFeature<unknown>[]): Promise<boolean> {
  const states = features.map((f) => f.init?.(ctx));
  const done: number[] = [];
  try {
    for (const [i, f] of features.entries()) {
      await f.connected?.(ctx, states[i]);
      done.push(i);
    }
  } catch (err) {
    ctx.services.log.error({ err }, "socket setup failed");
    // Those that did connect hear the end, so nothing they registered stays behind.
    for (const i of done) features[i]!.disconnected?.(ctx, states[i], "setup failed");
    ctx.socket.disconnect(true);
    return false;
  }
  for (const [i, f] of features.entries()) {
    for (const [event, handler] of Object.entries(f.handlers ?? {})) {
      bind(ctx, event as ClientEventName, handler as AnyHandler, states[i]);
    }
  }
  const disconnected = (reason: string) => {
    for (const [i, f] of features.entries()) {
      try {
        f.disconnected?.(ctx, states[i], reason);
      } catch (err) {
        ctx.services.log.error({ err, feature: f.name }, "socket disconnect hook failed");
      }
    }
  };
  // A socket that went away while the hooks ran never fires "disconnect" again.
  if (ctx.socket.disconnected) disconnected("gone during setup");
  else ctx.socket.on("disconnect", disconnected);
  return true;
}
