"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Bell, CheckCheck, FolderPlus, LogOut, PlusCircle, Settings, UserPlus } from "lucide-react";
import { useParams, useRouter } from "next/navigation";
import type { Server, ServerDetail } from "@/shared/api";
import { api } from "../../api";
import { useDmSettings, useSetDmSettings } from "../../hooks/use-dm-settings";
import { describeError } from "../../lib/errors";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Menu, MenuItem, MenuSeparator } from "../ui/menu";
import { Toggle } from "../ui/toggle";

export type ServerMenuChoice = "mark-read" | "invite" | "settings" | "notifications" | "create-channel" | "create-category" | "leave";

export interface ServerMenuProps {
  at: { x: number; y: number };
  onClose: () => void;
  onChoose: (choice: ServerMenuChoice) => void;
  allowed: Record<ServerMenuChoice, boolean>;
  /** The server it acts on; the open server's when absent. */
  serverId?: string;
  testId?: string;
}

/**
 * The dropdown under the server name, and the right click on a server's icon in the rail;
 * each entry shows only if the server would accept it.
 */
export function ServerMenu({ at, onClose, onChoose, allowed, serverId: given, testId = "server-menu" }: ServerMenuProps) {
  const choose = (choice: ServerMenuChoice) => {
    onClose();
    onChoose(choice);
  };
  const build = allowed["create-channel"] || allowed["create-category"];
  const params = useParams<{ serverId: string }>();
  const serverId = given ?? params.serverId;
  return (
    <Menu at={at} onClose={onClose} label="Server menu" testId={testId}>
      {allowed["mark-read"] && (
        <>
          <MenuItem testId="menu-mark-read" icon={<CheckCheck size={16} />} onSelect={() => choose("mark-read")}>
            Mark As Read
          </MenuItem>
          <MenuSeparator />
        </>
      )}
      {allowed.invite && (
        <MenuItem testId="menu-invite" icon={<UserPlus size={16} />} onSelect={() => choose("invite")}>
          Invite People
        </MenuItem>
      )}
      {allowed.settings && (
        <MenuItem testId="menu-settings" icon={<Settings size={16} />} onSelect={() => choose("settings")}>
          Server Settings
        </MenuItem>
      )}
      {build && <MenuSeparator />}
      {allowed["create-channel"] && (
        <MenuItem testId="menu-create-channel" icon={<PlusCircle size={16} />} onSelect={() => choose("create-channel")}>
          Create Channel
        </MenuItem>
      )}
      {allowed["create-category"] && (
        <MenuItem testId="menu-create-category" icon={<FolderPlus size={16} />} onSelect={() => choose("create-category")}>
          Create Category
        </MenuItem>
      )}
      <MenuSeparator />
      <MenuItem testId="menu-notifications" icon={<Bell size={16} />} onSelect={() => choose("notifications")}>
        Notification Settings
      </MenuItem>
      {serverId && <DmPrivacyToggle serverId={serverId} />}
      {allowed.leave && (
        <>
          <MenuSeparator />
          <MenuItem danger testId="menu-leave" icon={<LogOut size={16} />} onSelect={() => choose("leave")}>
            Leave Server
          </MenuItem>
        </>
      )}
    </Menu>
  );
}

/** Per server: whether its members may start direct conversations with me (on by default). */
function DmPrivacyToggle({ serverId }: { serverId: string }) {
  const settings = useDmSettings(serverId);
  const save = useSetDmSettings(serverId);
  const allowDms = settings.data?.allowDms ?? true;
  return (
    <div className="flex items-center gap-2 px-2 py-1.5" data-testid="menu-dm-privacy">
      <span className="flex-1 font-medium leading-tight text-text">Allow direct messages from server members</span>
      <Toggle
        checked={allowDms}
        disabled={!settings.data || save.isPending}
        label="Allow direct messages from server members"
        testId="menu-allow-dms"
        role="menuitemcheckbox"
        onChange={(next) => save.mutate({ allowDms: next })}
      />
    </div>
  );
}

export function LeaveServerDialog({ server, open, onClose }: { server: ServerDetail; open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const leave = useMutation({
    mutationFn: () => api.leaveServer(server.id),
    onSuccess: () => {
      queryClient.setQueryData<Server[]>(queryKeys.servers, (list) => list?.filter((s) => s.id !== server.id));
      onClose();
      router.replace("/");
    },
  });
  return (
    <Dialog open={open} onClose={onClose} title={`Leave '${server.name}'`} testId="leave-dialog">
      <p className="text-sm">You will not be able to rejoin this server unless you are invited again.</p>
      {leave.error && (
        <div className="mt-3">
          <FormError message={describeError(leave.error)} />
        </div>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="link" className="text-text hover:underline" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" data-testid="leave-confirm" disabled={leave.isPending} onClick={() => leave.mutate()}>
          {leave.isPending ? "Leaving…" : "Leave Server"}
        </Button>
      </div>
    </Dialog>
  );
}
