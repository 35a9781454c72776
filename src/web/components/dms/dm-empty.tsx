import { MessagesSquare } from "lucide-react";

/** `/channels/me` with nothing open. */
export function NoConversation() {
  return (
    <div data-testid="dm-empty" className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
      <span className="flex size-20 items-center justify-center rounded-full bg-field text-text-muted">
        <MessagesSquare size={40} />
      </span>
      <h2 className="text-xl font-semibold text-text-strong">No conversation open</h2>
      <p className="max-w-sm text-sm text-text-muted">
        Pick a conversation on the left, press <b>Ctrl+K</b> to find someone, or start a group with the <b>+</b> button.
        Anyone who shares a server with you can be messaged from their profile.
      </p>
    </div>
  );
}
