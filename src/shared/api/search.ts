/** Message search. */
import { z } from "zod";
import { text } from "./common";
import type { Message } from "./messages";

export const searchQuery = z.strictObject({
  /** Free text plus filters: from:<userId|name> in:<channelId|name> has:file|link mentions:<userId> before:<YYYY-MM-DD> after:<YYYY-MM-DD> */
  q: text({ min: 1, max: 500, trim: true }),
  limit: z.coerce.number().int().min(1).max(50).default(25),
  offset: z.coerce.number().int().min(0).max(5000).default(0),
});

export interface SearchResult {
  total: number;
  messages: Array<Message & { highlights: string[] }>;
}
