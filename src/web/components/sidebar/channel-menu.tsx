"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckCheck, Link2, Settings, Trash2, UserPlus } from "lucide-react";
import { useState } from "react";
import type { Channel } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { api } from "../../api";
import { markChannelRead } from "../../hooks/read-marks";
import { useServer } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { copyWithToast } from "../chat/message-menu";
import { PlaceNotificationsMenu } from "../notifications/place-menu";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Menu, MenuItem } from "../ui/menu";
import { InviteDialog } from "./invite-dialog";

export interface ChannelMenuProps {
  channel: Channel;
  at: { x: number; y: number };
  onClose: () => void;
  /** Opens the channel's settings; absent when I may not edit it. */
  onOpenSettings?: () => void;
}

/**
 * A right click on a channel in the sidebar: read it, copy its link, edit, delete, invite;
 * a text channel's notification choices follow in the same menu.
 */
export function ChannelMenu({ channel, at, onClose, onOpenSettings }: ChannelMenuProps) {
  const [next, setNext] = useState<"menu" | "invite" | "delete">("menu");
  const serverId = channel.serverId ?? "";
  const server = useServer(serverId);
  const mayManage = can(channel.permissions, Permission.ManageChannels);
  const mayInvite = can(channel.permissions, Permission.CreateInvite);
  const run = (action: () => void) => () => {
    onClose();
    action();
  };

  if (next === "invite") return <InviteDialog open onClose={onClose} serverId={serverId} serverName={server.data?.name ?? ""} />;
  if (next === "delete") return <DeleteChannelDialog channel={channel} onClose={onClose} />;

  const items = (
    <>
      {channel.type === "text" && (
        <MenuItem testId="channel-menu-mark-read" icon={<CheckCheck size={16} />} onSelect={run(() => void markChannelRead(channel.id, channel.lastMessageId))}>
          Mark As Read
        </MenuItem>
      )}
      {mayInvite && (
        <MenuItem testId="channel-menu-invite" icon={<UserPlus size={16} />} onSelect={() => setNext("invite")}>
          Invite People
        </MenuItem>
      )}
      <MenuItem
        testId="channel-menu-copy-link"
        icon={<Link2 size={16} />}
        onSelect={run(() => copyWithToast(`${window.location.origin}/channels/${serverId}/${channel.id}`))}
      >
        Copy Link
      </MenuItem>
      {onOpenSettings && mayManage && (
        <MenuItem testId="channel-menu-edit" icon={<Settings size={16} />} onSelect={run(onOpenSettings)}>
          Edit Channel
        </MenuItem>
      )}
      {mayManage && (
        <MenuItem danger testId="channel-menu-delete" icon={<Trash2 size={16} />} onSelect={() => setNext("delete")}>
          Delete Channel
        </MenuItem>
      )}
    </>
  );

  if (channel.type === "text") {
    return <PlaceNotificationsMenu at={at} channelId={channel.id} serverId={channel.serverId} name={`#${channel.name}`} onClose={onClose} before={items} />;
  }
  return (
    <Menu at={at} onClose={onClose} label={`Actions for ${channel.name}`} testId="channel-menu">
      {items}
    </Menu>
  );
}

function DeleteChannelDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.deleteChannel(channel.id),
    onSuccess: () => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(channel.serverId ?? "") });
    },
  });
  return (
    <Dialog open onClose={onClose} title="Delete Channel" testId="delete-channel-dialog">
      <p className="text-sm">
        Are you sure you want to delete <strong className="text-text-strong">{channel.type === "text" ? `#${channel.name}` : channel.name}</strong>? Every
        message in it is deleted for everyone. This cannot be undone.
      </p>
      {remove.error && (
        <div className="mt-3">
          <FormError message={describeError(remove.error)} />
        </div>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="link" className="text-text hover:underline" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" data-testid="delete-channel-confirm" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {remove.isPending ? "Deleting…" : "Delete Channel"}
        </Button>
      </div>
    </Dialog>
  );
}
