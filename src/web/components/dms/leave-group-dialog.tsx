"use client";

import { useRouter } from "next/navigation";
import type { DmChannel } from "@/shared/api";
import { useCloseDm } from "../../hooks/use-dms";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { dmName } from "./dm-format";

/** Leaving a group cannot be undone without being added again, so it asks first. */
export function LeaveGroupDialog({ dm, onClose }: { dm: DmChannel; onClose: () => void }) {
  const close = useCloseDm();
  const router = useRouter();
  return (
    <Dialog open onClose={onClose} title={`Leave '${dmName(dm)}'`} testId="leave-group-dialog">
      <p className="text-sm">You will not get its messages any more, and can only come back if someone in it adds you again.</p>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="link" className="px-3 text-text" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="danger"
          data-testid="leave-group-confirm"
          disabled={close.isPending}
          onClick={() => {
            close.mutate(dm.id, { onSuccess: () => router.replace("/channels/me") });
            onClose();
          }}
        >
          Leave Group
        </Button>
      </div>
    </Dialog>
  );
}
