import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { Member, Message, Role } from "@/shared/api";
import { queryKeys } from "../query-keys";
import { spokenMessage } from "./spoken-message";

function message(content: string, attachments = 0): Message {
  return {
    id: "10",
    channelId: "2",
    author: { id: "ann", name: "Ann" },
    content,
    attachments: Array.from({ length: attachments }, (_, i) => ({ id: String(i) })),
    nonce: null,
    createdAt: new Date(0).toISOString(),
    editedAt: null,
    replyTo: null,
    mentions: { users: [], roles: [], everyone: false },
    reactions: [],
    pinned: false,
  } as unknown as Message;
}

describe("spokenMessage", () => {
  const queryClient = new QueryClient();
  queryClient.setQueryData<Member[]>(queryKeys.members("1"), [{ user: { id: "ben", name: "Ben" } } as Member]);
  queryClient.setQueryData<Role[]>(queryKeys.roles("1"), [{ id: "77", name: "Mods" } as Role]);

  it("says who wrote what", () => {
    expect(spokenMessage(queryClient, message("hello"))).toBe("Ann: hello");
  });

  it("reads mentions as names, without markdown escapes", () => {
    expect(spokenMessage(queryClient, message("hi <@ben> and <@&77>, see <@nobody>"))).toBe(
      "Ann: hi @Ben and @Mods, see @Unknown User",
    );
  });

  it("counts files, alone or after text, and cuts long text", () => {
    expect(spokenMessage(queryClient, message("", 1))).toBe("Ann: 1 file");
    expect(spokenMessage(queryClient, message("look", 3))).toBe("Ann: look, 3 files");
    expect(spokenMessage(queryClient, message("x".repeat(400)))).toBe(`Ann: ${"x".repeat(300)}…`);
  });
});
