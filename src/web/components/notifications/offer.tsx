"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { useNotifyStore } from "../../stores/notify";

/**
 * Offered once, after the first message sent from this browser, as Discord does: a slim
 * notice bar above the app (it covers nothing), and the browser's own permission prompt
 * only from its Enable button.
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
      className="relative flex min-h-9 shrink-0 items-center justify-center gap-3 bg-blurple py-1 pl-4 pr-10 text-sm font-medium text-white"
    >
      <span className="min-w-0">Get notified of mentions and direct messages on this device?</span>
      <button
        type="button"
        data-testid="notifications-offer-enable"
        disabled={busy}
        onClick={() => void enable()}
        className="h-6 shrink-0 rounded-[3px] border border-white px-2 text-xs font-semibold hover:bg-white hover:text-blurple disabled:opacity-60"
      >
        {busy ? "Asking…" : "Enable"}
      </button>
      <button
        type="button"
        aria-label="Not now"
        title="Not now"
        data-testid="notifications-offer-dismiss"
        onClick={close}
        className="absolute right-3 rounded p-0.5 text-white/80 hover:text-white"
      >
        <X size={16} />
      </button>
    </div>
  );
}
