import { describe, expect, it } from "vitest";
import { zodWithoutEval } from "./zod-without-eval";

describe("zodWithoutEval", () => {
  it("is the setting zod reads, set before zod loads", async () => {
    zodWithoutEval();
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    // An object schema built now never probes `new Function`: it parses without the JIT.
    expect(z.strictObject({ a: z.string() }).parse({ a: "x" })).toEqual({ a: "x" });
  });
});
