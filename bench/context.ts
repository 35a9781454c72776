/**
 * A command context for benchmarks that call domain queries straight on a database,
 * without a server around them: no services, events dropped, writes unwrapped.
 */
import type { Tx } from "../src/server/db/client";
import type { CommandContext } from "../src/server/domain/context";
import type { Services } from "../src/server/services";

export function benchContext(tx: Tx, userId: string): CommandContext {
  const ctx: CommandContext = {
    actor: { id: userId, name: userId, image: null },
    tx,
    services: { db: tx } as unknown as Services,
    record: () => {},
    atomically: (work) => work(ctx),
    afterCommit: () => {},
  };
  return ctx;
}
