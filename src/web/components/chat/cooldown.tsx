"use client";

import { Timer } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { secondsLeft } from "../../lib/errors";
import { useChatUi, type Cooldown } from "../../stores/chat-ui";

export interface CooldownState {
  remainingMs: number;
  reason: Cooldown["reason"] | undefined;
  /** After a send: start the channel's slowmode wait (0 when it does not apply to me). */
  started: (slowmodeSeconds: number) => void;
}

/** The wait before the next send in a channel, ticking down on screen. */
export function useCooldown(channelId: string): CooldownState {
  const cooldown = useChatUi((s) => s.cooldowns[channelId]);
  const [now, setNow] = useState(() => Date.now());
  const remainingMs = cooldown ? Math.max(0, cooldown.until - now) : 0;

  useEffect(() => {
    if (!cooldown || cooldown.until <= Date.now()) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= cooldown.until) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [cooldown]);

  const started = useCallback(
    (slowmodeSeconds: number) => {
      if (slowmodeSeconds <= 0) return;
      const until = Date.now() + slowmodeSeconds * 1000;
      setNow(Date.now());
      useChatUi.getState().setCooldown(channelId, { until, reason: "slowmode" });
    },
    [channelId],
  );

  return { remainingMs, reason: cooldown?.reason, started };
}

export function CooldownNotice({ cooldown, slowmodeSeconds }: { cooldown: CooldownState; slowmodeSeconds: number }) {
  if (cooldown.remainingMs <= 0) {
    if (slowmodeSeconds <= 0) return null;
    return (
      <p className="mt-1 flex items-center gap-1 text-xs text-text-muted" data-testid="slowmode-note">
        <Timer size={12} /> Slowmode is on: one message every {slowmodeSeconds} s.
      </p>
    );
  }
  const seconds = secondsLeft(cooldown.remainingMs);
  return (
    <p role="status" data-testid="cooldown" className="mt-1 flex items-center gap-1 text-xs font-medium text-warning">
      <Timer size={12} />
      {cooldown.reason === "slowmode" ? `Slowmode is on — wait ${seconds} s.` : `You're sending too fast — wait ${seconds} s.`}
    </p>
  );
}
