/** Which errors mean "the database cannot be reached right now" (503), and which do not (a bug: 500). */
import { describe, expect, it } from "vitest";
import { isUnavailable } from "./unavailable";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isUnavailable", () => {
  it.each([
    ["a server shutting down (57P01)", withCode("57P01", "terminating connection due to administrator command")],
    ["a server starting up (57P03)", withCode("57P03", "the database system is starting up")],
    ["a refused connection", withCode("ECONNREFUSED")],
    ["a reset connection", withCode("ECONNRESET")],
    ["an unreachable host", withCode("EHOSTUNREACH")],
    ["too many connections (53300)", withCode("53300")],
    ["a dropped connection", new Error("Connection terminated unexpectedly")],
    ["the pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["a broken client", new Error("Client has encountered a connection error and is not queryable")],
    ["one wrapped as a cause (drizzle's query error)", new Error("Failed query: select 1", { cause: withCode("57P01") })],
  ])("%s is unavailable", (_, err) => {
    expect(isUnavailable(err)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505")],
    ["a syntax error", withCode("42601")],
    ["a plain bug", new TypeError("x is undefined")],
    ["not an error", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("%s is not", (_, err) => {
    expect(isUnavailable(err)).toBe(false);
  });
});
