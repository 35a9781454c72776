"use client";

import { useEffect } from "react";
import { typingText, useTypingStore, type Typist } from "../../stores/typing";

const none: Typist[] = [];

/** "A is typing…" under the composer; signals fade by themselves when not renewed. */
export function TypingIndicator({ channelId, myId }: { channelId: string; myId: string | undefined }) {
  const typists = useTypingStore((s) => s.channels[channelId] ?? none);
  const others = typists.filter((t) => t.userId !== myId);

  useEffect(() => {
    if (typists.length === 0) return;
    const soonest = Math.min(...typists.map((t) => t.expiresAt));
    const timer = setTimeout(() => useTypingStore.getState().expire(Date.now()), Math.max(0, soonest - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [typists]);

  return (
    <div aria-live="polite" data-testid="typing-indicator" className="flex h-6 items-center gap-1.5 truncate text-xs text-text">
      {others.length > 0 && (
        <>
          <span aria-hidden className="flex gap-0.5">
            {[0, 1, 2].map((i) => (
              <span key={i} className="size-1.5 animate-bounce rounded-full bg-text-strong" style={{ animationDelay: `${i * 150}ms` }} />
            ))}
          </span>
          <span className="truncate font-medium" data-testid="typing-text">
            {typingText(others.map((t) => t.name))}
          </span>
        </>
      )}
    </div>
  );
}
