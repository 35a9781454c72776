/** The words of the server's own lines ("Ann joined the server."), as Discord varies them. */
import type { Message } from "@/shared/api";

export type SystemLineType = "join" | "pin";

export function isSystemLine(message: Pick<Message, "type">): message is Pick<Message, "type"> & { type: SystemLineType } {
  return message.type === "join" || message.type === "pin";
}

/** Discord's welcome lines: `{}` is the name. One per message, always the same for it. */
export const welcomeLines = [
  "{} joined the server.",
  "Welcome, {}. We hope you brought pizza.",
  "A wild {} appeared.",
  "{} just landed.",
  "{} just slid into the server.",
  "{} just showed up!",
  "Welcome {}. Say hi!",
  "{} hopped into the server.",
  "Everyone welcome {}!",
  "Glad you're here, {}.",
  "Good to see you, {}.",
  "Yay you made it, {}!",
] as const;

/** The welcome line for a join message: picked from its id, so every reader sees the same. */
export function welcomeLine(messageId: string): string {
  let n = 0;
  for (const ch of messageId.slice(-6)) n = (n * 10 + (ch.charCodeAt(0) - 48)) % 1_000_003;
  return welcomeLines[n % welcomeLines.length]!;
}

/** The sentence with the name in it, split so the name can stand out. */
export function systemLineParts(message: Pick<Message, "id" | "type">, name: string): { before: string; name: string; after: string } {
  const template = message.type === "pin" ? "{} pinned a message to this channel." : welcomeLine(message.id);
  const at = template.indexOf("{}");
  return { before: template.slice(0, at), name, after: template.slice(at + 2) };
}

/** The whole sentence, for screen readers and the live region. */
export function systemLineText(message: Pick<Message, "id" | "type">, name: string): string {
  const { before, after } = systemLineParts(message, name);
  return `${before}${name}${after}`;
}
