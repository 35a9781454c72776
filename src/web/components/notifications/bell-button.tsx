"use client";

import { Bell, BellOff } from "lucide-react";
import { useState } from "react";
import { usePlaceMuted } from "../../hooks/use-notification-settings";
import { PlaceNotificationsMenu } from "./notifications-lazy";

/** The header's bell: this channel's (or conversation's) mute and level; crossed out while muted. */
export function BellButton({ channelId, serverId, name }: { channelId: string; serverId: string | null; name: string }) {
  const [at, setAt] = useState<{ x: number; y: number }>();
  const muted = usePlaceMuted(channelId, serverId);
  const label = muted ? `Notification settings for ${name} (muted)` : `Notification settings for ${name}`;
  return (
    <>
      <button
        type="button"
        aria-label={label}
        title={muted ? "Muted" : "Notification Settings"}
        data-testid="bell-button"
        data-muted={muted ? "true" : undefined}
        aria-haspopup="menu"
        aria-expanded={!!at}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setAt(at ? undefined : { x: box.right - 224, y: box.bottom + 6 });
        }}
        className="flex items-center justify-center text-text-muted hover:text-text-strong max-md:size-11"
      >
        {muted ? <BellOff size={20} /> : <Bell size={20} />}
      </button>
      {at && <PlaceNotificationsMenu at={at} channelId={channelId} serverId={serverId} name={name} onClose={() => setAt(undefined)} />}
    </>
  );
}
