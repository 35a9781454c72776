/** Message search. */
import { z } from "zod";
import type { Message } from "./messages";

export const searchQuery = z.object({
  /** Free text plus filters: from:<userId|name> in:<channelId|name> has:file|link mentions:<userId> before:<YYYY-MM-DD> after:<YYYY-MM-DD> */
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(50).default(25),
  offset: z.coerce.number().int().min(0).max(5000).default(0),
});

export interface SearchResult {
  total: number;
  messages: Array<Message & { highlights: string[] }>;
}
