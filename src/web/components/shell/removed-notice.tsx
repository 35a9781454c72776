"use client";

import { removalText, removalTitle, useRemoval } from "../../stores/removal";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

/** "You were kicked from Giga Club", over the home screen the person was sent to. */
export function RemovedNotice() {
  const notice = useRemoval((s) => s.notice);
  const dismiss = useRemoval((s) => s.dismiss);
  if (!notice) return null;
  return (
    <Dialog open onClose={dismiss} title={removalTitle(notice)} description={removalText(notice)} testId="removed-notice">
      <div className="flex justify-end">
        <Button autoFocus data-testid="removed-notice-ok" onClick={dismiss}>
          Okay
        </Button>
      </div>
    </Dialog>
  );
}
