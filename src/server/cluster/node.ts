/**
 * This process as one node of a deployment. Every node has an id (WORKER_ID, the pid and
 * a random suffix) stored with what it puts in shared state (a presence socket, a voice
 * place), so that what a dead node left behind can be found and removed.
 *
 * With Redis, a node proves it is alive with a heartbeat key that expires after
 * NODE_HEARTBEAT_TTL_SECONDS (30 s) and is renewed three times per period. Every node
 * also sweeps as often: a node in the registry whose heartbeat is gone is dead, and the
 * first live node to take it out of the registry (SREM: one winner) cleans up after it
 * through the `onDead` listeners. A process killed right after a renewal is found dead
 * within TTL + one sweep (40 s by default). Without Redis there is only this node.
 */
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type RedisScript, redisScript } from "./redis-script";

export type DeadNodeListener = (nodeId: string) => Promise<void>;

export interface ClusterNode {
  readonly id: string;
  /** Called once per dead node, on the one node that claimed it. */
  onDead(listener: DeadNodeListener): void;
  /**
   * Called when this node finds it was taken for dead and swept (its heartbeat went
   * unrenewed too long: a stalled process, Redis out of reach): what it had in shared
   * state is gone, so its sockets must set it up again.
   */
  onSwept(listener: () => void): void;
  start(): Promise<void>;
  /** A clean shutdown: the heartbeat and the registry entry go at once. */
  stop(): Promise<void>;
}

export function makeNodeId(): string {
  const worker = process.env.WORKER_ID ? `w${process.env.WORKER_ID}-` : "";
  return `${worker}${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** The only node there is: nothing to prove, nobody to sweep. */
export class LocalNode implements ClusterNode {
  readonly id = makeNodeId();
  onDead(): void {}
  onSwept(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

export const heartbeatKey = (prefix: string, nodeId: string) => `${prefix}:node:${nodeId}`;
export const registryKey = (prefix: string) => `${prefix}:nodes`;

/** KEYS: the node's heartbeat, the registry. ARGV: the node id. 1 when this call claimed it. */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
return redis.call('SREM', KEYS[2], ARGV[1])
`;

export interface RedisNodeOptions {
  ttlMs: number;
  /** How often the heartbeat is renewed and the registry swept; default a third of the TTL. */
  everyMs?: number;
}

export class RedisNode implements ClusterNode {
  readonly id = makeNodeId();
  private readonly listeners: DeadNodeListener[] = [];
  private readonly sweptListeners: Array<() => void> = [];
  private started = false;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private readonly everyMs: number;
  private readonly claimScript: RedisScript<number>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly opts: RedisNodeOptions,
  ) {
    this.everyMs = opts.everyMs ?? Math.max(100, Math.floor(opts.ttlMs / 3));
    this.claimScript = redisScript(redis, "nodeClaim", CLAIM);
  }

  onDead(listener: DeadNodeListener): void {
    this.listeners.push(listener);
  }

  onSwept(listener: () => void): void {
    this.sweptListeners.push(listener);
  }

  async start(): Promise<void> {
    await this.beat();
    this.started = true;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  /** Stops beating without cleaning up: to others this node now looks as if it was killed. */
  halt(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async stop(): Promise<void> {
    this.halt();
    await this.sweeping;
    await this.redis
      .multi()
      .del(heartbeatKey(this.prefix, this.id))
      .srem(registryKey(this.prefix), this.id)
      .exec()
      .catch((err: unknown) => this.log.warn({ err }, "cluster: could not leave the node registry"));
  }

  private async beat(): Promise<void> {
    const replies = await this.redis
      .multi()
      .set(heartbeatKey(this.prefix, this.id), "1", "PX", this.opts.ttlMs)
      .sadd(registryKey(this.prefix), this.id)
      .exec();
    // Back in the registry although it never left: another node claimed it as dead.
    if (this.started && replies?.[1]?.[1] === 1) {
      this.log.warn({ nodeId: this.id }, "cluster: this node was taken for dead and swept; its sockets reconnect");
      for (const listener of this.sweptListeners) listener();
    }
  }

  private async tick(): Promise<void> {
    try {
      await this.beat();
    } catch (err) {
      this.log.warn({ err }, "cluster: heartbeat failed");
      return;
    }
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .then(() => undefined)
      .catch((err: unknown) => this.log.error({ err }, "cluster: dead node sweep failed"))
      .finally(() => (this.sweeping = null));
  }

  /** Claims the dead nodes (each by exactly one sweeper) and hands them to the listeners. */
  async sweep(): Promise<string[]> {
    const registered = await this.redis.smembers(registryKey(this.prefix));
    const others = registered.filter((id) => id !== this.id);
    if (others.length === 0) return [];
    const beats = await this.redis.mget(...others.map((id) => heartbeatKey(this.prefix, id)));
    const claimed: string[] = [];
    for (const [i, nodeId] of others.entries()) {
      if (beats[i] !== null) continue;
      // Checked again in the claim itself: a slow node may have beaten since.
      const won = await this.claimScript([heartbeatKey(this.prefix, nodeId), registryKey(this.prefix)], nodeId);
      if (won !== 1) continue; // alive after all, or another node won it
      claimed.push(nodeId);
      this.log.info({ nodeId }, "cluster: a node stopped beating; removing what it left");
      for (const listener of this.listeners) {
        await listener(nodeId).catch((err: unknown) => this.log.error({ err, nodeId }, "cluster: cleaning up a dead node failed"));
      }
    }
    return claimed;
  }
}
