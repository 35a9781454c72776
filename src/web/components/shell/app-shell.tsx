"use client";

import { useParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useAckOpenChannel } from "../../hooks/use-ack";
import { useAppearanceSync } from "../../hooks/use-appearance";
import { useLiveUpdates, type ConnectionState } from "../../hooks/use-live-updates";
import { useKeyboardNavigation } from "../../hooks/use-keyboard-navigation";
import { useIdleDetection } from "../../hooks/use-presence";
import { useNotifications } from "../../hooks/use-notifications";
import { useReadStatesLoader } from "../../hooks/use-unread";
import { useRequireAuth } from "../../hooks/use-require-auth";
import { describeError } from "../../lib/errors";
import { Button } from "../ui/button";
import { FullScreenSpinner } from "../ui/spinner";
import { Toasts } from "../ui/toasts";
import { CallAudioSlot } from "../voice/voice-lazy";
import { IncomingCallsSlot } from "../calls/calls-lazy";
import { NotificationsOfferSlot } from "../notifications/notifications-lazy";
import { useLayout } from "../../stores/layout";
import { useVisualViewportHeight } from "../../hooks/use-visual-viewport";
import { ConnectionBanner } from "./connection-banner";
import { LiveAnnouncer } from "./live-announcer";
import { MobileDrawer } from "./mobile-drawer";
import { QuickSwitcher, RemovedNoticeSlot } from "./shell-lazy";
import { ServerRail } from "./server-rail";
import { VerifyEmailBanner } from "./verify-email-banner";

/** Everything under /channels: the signed-in frame with the server rail and the live socket. */
export function AppShell({ children }: { children: ReactNode }) {
  const me = useRequireAuth();
  if (me.data) return <SignedInShell>{children}</SignedInShell>;
  if (me.error && !me.signedOut) {
    return (
      <div className="flex h-dvh flex-col items-center justify-center gap-4 bg-chat">
        <p>{describeError(me.error)}</p>
        <Button onClick={() => void me.refetch()}>Try again</Button>
      </div>
    );
  }
  return <FullScreenSpinner />;
}

function SignedInShell({ children }: { children: ReactNode }) {
  const params = useParams<{ serverId?: string; channelId?: string }>();
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  useLiveUpdates(params, setConnection);
  useReadStatesLoader();
  useAckOpenChannel(params.channelId);
  useIdleDetection();
  useAppearanceSync();
  useVisualViewportHeight();
  useKeyboardNavigation(params);
  useNotifications(params);
  const drawerOpen = useLayout((s) => s.drawerOpen);

  return (
    <div
      data-drawer={drawerOpen ? "open" : "closed"}
      data-connection={connection}
      className="group/shell flex h-[var(--app-height,100dvh)] flex-col overflow-hidden bg-rail"
    >
      <VerifyEmailBanner />
      <NotificationsOfferSlot />
      <ConnectionBanner state={connection} />
      <div className="flex min-h-0 flex-1">
        <ServerRail activeServerId={params.serverId} />
        {children}
      </div>
      <MobileDrawer />
      <QuickSwitcher />
      <RemovedNoticeSlot />
      <Toasts />
      <LiveAnnouncer channelId={params.channelId} />
      <CallAudioSlot />
      <IncomingCallsSlot />
    </div>
  );
}
