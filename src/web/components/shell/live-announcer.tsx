"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useBlockedIds } from "../../hooks/use-blocks";
import { useMe } from "../../hooks/use-me";
import { spokenMessage } from "../../lib/spoken-message";
import { useAnnouncements } from "../../stores/announcements";

/** Enough lines that a quick burst is all read, few enough that the region stays small. */
const kept = 5;

/**
 * A polite live region that reads new messages from others in the open channel; each
 * line is a new node, so the same words said twice are read twice.
 */
export function LiveAnnouncer({ channelId }: { channelId: string | undefined }) {
  const queryClient = useQueryClient();
  const last = useAnnouncements((s) => s.last);
  const myId = useMe().data?.id;
  const blocked = useBlockedIds();
  const [lines, setLines] = useState<Array<{ seq: number; text: string }>>([]);

  useEffect(() => {
    if (!last || last.channelId !== channelId) return;
    const author = last.message.author.id;
    if (author === myId || blocked.has(author)) return;
    const line = { seq: last.seq, text: spokenMessage(queryClient, last.message) };
    setLines((held) => (held.some((l) => l.seq === line.seq) ? held : [...held.slice(1 - kept), line]));
    // Only a new arrival speaks; a change of channel or block list must not repeat the last one.
  }, [last]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => setLines([]), [channelId]);

  return (
    <div aria-live="polite" aria-relevant="additions" data-testid="live-announcer" className="sr-only">
      {lines.map((line) => (
        <p key={line.seq}>{line.text}</p>
      ))}
    </div>
  );
}
