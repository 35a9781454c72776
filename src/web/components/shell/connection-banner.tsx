import type { ConnectionState } from "../../hooks/use-live-updates";

/** Only shown when live updates are down, so people know new messages may be late. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state !== "disconnected") return null;
  return (
    <div role="status" className="bg-[#f0b232] px-4 py-1 text-center text-sm font-medium text-black">
      Connection lost. Reconnecting… New messages will appear when we are back.
    </div>
  );
}
