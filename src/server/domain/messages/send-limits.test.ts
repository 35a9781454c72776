import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { Limiter, MemoryLimitStore, roomyRules } from "../../limits";
import { takeSendSlot, takeSlowmodeSlot } from "./send-limits";

const codeOf = async (taking: Promise<unknown>) => {
  try {
    await taking;
    return null;
  } catch (err) {
    return err instanceof AppError ? [err.code, (err.details as { retryAfterMs: number }).retryAfterMs] : err;
  }
};

const limiter = () => new Limiter({ ...roomyRules(), "message.send": { limit: 5, windowMs: 5000 } }, new MemoryLimitStore());

describe("send limits", () => {
  it("allows a burst of 5 per 5 s per channel, then says how long to wait", async () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) expect(await codeOf(takeSendSlot(l, "u", 1n, 1000 + i))).toBeNull();
    expect(await codeOf(takeSendSlot(l, "u", 1n, 1010))).toEqual(["RATE_LIMITED", 4990]);
    expect(await codeOf(takeSendSlot(l, "u", 2n, 1010))).toBeNull(); // another channel
    expect(await codeOf(takeSendSlot(l, "v", 1n, 1010))).toBeNull(); // another person
    expect(await codeOf(takeSendSlot(l, "u", 1n, 6000))).toBeNull();
  });

  it("applies slowmode from the last message, with its own code", async () => {
    const l = limiter();
    expect(await codeOf(takeSlowmodeSlot(l, "u", 1n, 30, 0))).toBeNull();
    expect(await codeOf(takeSlowmodeSlot(l, "u", 1n, 30, 10_000))).toEqual(["SLOWMODE", 20_000]);
    expect(await codeOf(takeSlowmodeSlot(l, "u", 2n, 30, 10_000))).toBeNull(); // another channel
    expect(await codeOf(takeSlowmodeSlot(l, "u", 1n, 30, 30_000))).toBeNull();
  });

  it("gives a slot back when the send did not happen", async () => {
    const l = limiter();
    const slots = [];
    for (let i = 0; i < 5; i++) slots.push(await takeSendSlot(l, "u", 1n, 1000));
    expect(await codeOf(takeSendSlot(l, "u", 1n, 1000))).toEqual(["RATE_LIMITED", 5000]);
    await slots[2]!.giveBack();
    expect(await codeOf(takeSendSlot(l, "u", 1n, 1000))).toBeNull();
  });
});
