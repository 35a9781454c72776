"use client";

import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

/** Discord's "Leaving Discord": a link out of the app shows where it really goes before it opens. */
export function LeaveAppDialog({ href, onClose }: { href: string; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} title="Leaving Giga Chat" description="This link is taking you to the following website" testId="leave-app-dialog">
      <p data-testid="leave-app-url" className="rounded border border-divider bg-field-deep px-3 py-2 font-mono text-sm break-all text-text-strong">
        {href}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="link" className="px-3 text-text" onClick={onClose}>
          Go Back
        </Button>
        <Button
          data-testid="leave-app-visit"
          onClick={() => {
            onClose();
            window.open(href, "_blank", "noopener,noreferrer");
          }}
        >
          Visit Site
        </Button>
      </div>
    </Dialog>
  );
}
