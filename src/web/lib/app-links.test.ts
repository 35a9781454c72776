import { describe, expect, it } from "vitest";
import { channelLinkTarget, inAppPath } from "./app-links";

describe("app links", () => {
  it("knows links to this origin only", () => {
    expect(inAppPath("http://127.0.0.1:3000/channels/1/2?message=3", "http://127.0.0.1:3000")).toBe("/channels/1/2?message=3");
    expect(inAppPath("http://127.0.0.1:3001/channels/1/2", "http://127.0.0.1:3000")).toBeNull();
    expect(inAppPath("https://evil.example/channels/1/2", "http://127.0.0.1:3000")).toBeNull();
    expect(inAppPath("mailto:a@b.example", "http://127.0.0.1:3000")).toBeNull();
  });

  it("reads channel and message links", () => {
    expect(channelLinkTarget("/channels/1/2?message=3")).toEqual({ serverId: "1", channelId: "2", messageId: "3" });
    expect(channelLinkTarget("/channels/me/22")).toEqual({ serverId: "me", channelId: "22", messageId: null });
    expect(channelLinkTarget("/channels/1/2?message=abc")).toEqual({ serverId: "1", channelId: "2", messageId: null });
    expect(channelLinkTarget("/settings")).toBeNull();
    expect(channelLinkTarget("/channels/1/2/3")).toBeNull();
  });
});
