import { describe, expect, it } from "vitest";
import type { CallTrace } from "@/shared/calls";
import { callDuration, callLineKind, callLineText } from "./call-format";

const trace = (patch: Partial<CallTrace> = {}): CallTrace => ({
  id: "1",
  startedBy: "ann",
  startedAt: "2026-01-01T10:00:00.000Z",
  endedAt: null,
  durationSeconds: null,
  participants: ["ann"],
  missed: [],
  video: false,
  ...patch,
});

describe("call lines", () => {
  it("says durations in words", () => {
    expect(callDuration(0)).toBe("a few seconds");
    expect(callDuration(44)).toBe("a few seconds");
    expect(callDuration(45)).toBe("1 minute");
    expect(callDuration(89)).toBe("1 minute");
    expect(callDuration(90)).toBe("2 minutes");
    expect(callDuration(12 * 60 + 10)).toBe("12 minutes");
    expect(callDuration(59 * 60 + 40)).toBe("1 hour");
    expect(callDuration(2 * 3600 + 100)).toBe("2 hours");
  });

  it("reads as Discord's lines for each viewer", () => {
    const open = trace();
    expect(callLineKind(open, "bob")).toBe("ongoing");
    expect(callLineText(open, "Ann", "bob")).toBe("Ann started a call.");
    const ended = trace({ endedAt: "2026-01-01T10:12:00.000Z", durationSeconds: 720, participants: ["ann", "bob"], missed: ["cat"] });
    expect(callLineText(ended, "Ann", "bob")).toBe("Ann started a call that lasted 12 minutes.");
    expect(callLineText(ended, "Ann", "ann")).toBe("Ann started a call that lasted 12 minutes.");
    expect(callLineText(ended, "Ann", "cat")).toBe("Missed call from Ann");
  });
});
