"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { DmChannel } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { useDmCacheUpdate } from "../../hooks/use-dms";
import { describeError } from "../../lib/errors";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Field } from "../ui/field";

/** An empty name goes back to naming the group after its people. */
export function RenameGroupDialog({ dm, onClose }: { dm: DmChannel; onClose: () => void }) {
  const [name, setName] = useState(dm.name ?? "");
  const updateCache = useDmCacheUpdate();
  const rename = useMutation({
    mutationFn: () => api.updateGroupDm(dm.id, { name: name.trim() || null }),
    onSuccess: (saved) => {
      updateCache(saved);
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} title="Rename group" testId="rename-group-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate();
        }}
        className="flex flex-col gap-3"
      >
        <Field
          label="Group name"
          autoFocus
          data-testid="rename-group-input"
          value={name}
          maxLength={limits.groupDmNameMax}
          placeholder="Leave empty to use the members' names"
          onChange={(e) => setName(e.target.value)}
        />
        <FormError message={rename.error ? describeError(rename.error) : undefined} />
        <div className="flex justify-end gap-2">
          <Button variant="link" className="px-3 text-text" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" data-testid="rename-group-save" disabled={rename.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
