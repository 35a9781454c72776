import { describe, expect, it } from "vitest";
import { iceServersFor } from "./turn";

const config = { urls: ["turn:turn.example.org:3478", "turns:turn.example.org:5349"], secret: "0123456789abcdef-turn", ttlSeconds: 3600 };

describe("TURN credentials (coturn use-auth-secret)", () => {
  it("mints <expiry>:<userId> with base64(HMAC-SHA1(secret, username))", () => {
    // Vector computed with: printf '1700003600:42' | openssl dgst -sha1 -hmac '0123456789abcdef-turn' -binary | base64
    expect(iceServersFor(config, "42", 1_700_000_000_000)).toEqual([
      { urls: ["turn:turn.example.org:3478", "turns:turn.example.org:5349"], username: "1700003600:42", credential: "YaSD5yvtWY9ZE2ScKG7/VxnzDsM=" },
    ]);
  });

  it("gives no ICE servers without TURN URLs or without a secret", () => {
    expect(iceServersFor({ ...config, urls: [] }, "42")).toEqual([]);
    expect(iceServersFor({ ...config, secret: undefined }, "42")).toEqual([]);
  });
});
