/** How the live region reads a new message aloud. */
import type { QueryClient } from "@tanstack/react-query";
import type { Member, Message, Role } from "@/shared/api";
import { mentionsAsText } from "./mentions";
import { isSystemLine, systemLineText } from "./system-lines";

const maxChars = 300;

/** Every cached server's members or roles (keys `["servers", id, part]`). */
function cached<T>(queryClient: QueryClient, part: "members" | "roles"): T[] {
  return queryClient
    .getQueriesData<T[]>({ queryKey: ["servers"] })
    .flatMap(([key, list]) => (key[2] === part && Array.isArray(list) ? list : []));
}

/** "Ann: hello", with mentions as names, long text cut, and files counted. */
export function spokenMessage(queryClient: QueryClient, message: Message): string {
  // A call's line reads as the list shows it (said as it starts; ended or missed lines are edits, not new).
  if (message.type === "call" && message.call) return `${message.author.name} started a call.`;
  if (isSystemLine(message)) return systemLineText(message, message.author.name);
  const members = cached<Member>(queryClient, "members");
  const roles = cached<Role>(queryClient, "roles");
  const text = mentionsAsText(
    message.content,
    {
      user: (id) => members.find((m) => m.user.id === id)?.user.name,
      role: (id) => roles.find((r) => r.id === id)?.name,
    },
    { markdown: false },
  ).trim();
  const files = message.attachments.length;
  const parts = [text.length > maxChars ? `${text.slice(0, maxChars)}…` : text];
  if (files > 0) parts.push(files === 1 ? "1 file" : `${files} files`);
  return `${message.author.name}: ${parts.filter(Boolean).join(", ")}`;
}
