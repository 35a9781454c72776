"use client";

import { Bell, X } from "lucide-react";
import { useState } from "react";
import { useNotifyStore } from "../../stores/notify";
import { Button } from "../ui/button";

/**
 * Offered once, after the first message sent from this browser: the browser's own
 * permission prompt comes only from the Enable button. Nothing blocks the chat meanwhile.
 */
export function NotificationsOffer() {
  const [busy, setBusy] = useState(false);
  const close = () => useNotifyStore.getState().closeOffer();
  const enable = async () => {
    setBusy(true);
    try {
      const { enableNotifications } = await import("../../notify/push");
      await enableNotifications();
    } finally {
      close();
    }
  };
  return (
    <div
      role="region"
      aria-label="Notifications"
      data-testid="notifications-offer"
      className="fixed bottom-24 right-4 z-[55] flex w-[min(360px,calc(100vw-32px))] items-start gap-3 rounded-lg bg-floating p-4 text-sm text-text shadow-2xl ring-1 ring-black/30 max-md:left-4 max-md:right-4 max-md:w-auto"
    >
      <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-blurple text-white">
        <Bell size={18} aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-text-strong">Get notified of mentions and DMs?</p>
        <p className="mt-0.5 text-text-muted">Your browser will ask for permission. You can change this any time in User Settings.</p>
        <div className="mt-3 flex gap-2">
          <Button data-testid="notifications-offer-enable" disabled={busy} onClick={() => void enable()} className="h-8">
            Enable
          </Button>
          <Button variant="secondary" data-testid="notifications-offer-dismiss" onClick={close} className="h-8">
            Not now
          </Button>
        </div>
      </div>
      <button type="button" aria-label="Dismiss" onClick={close} className="text-text-muted hover:text-text-strong">
        <X size={16} />
      </button>
    </div>
  );
}
