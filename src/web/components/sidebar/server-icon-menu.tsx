"use client";

import { useRef, useState } from "react";
import type { Server } from "@/shared/api";
import { markServerRead } from "../../hooks/read-marks";
import { useAccess } from "../../hooks/use-access";
import { useRoles, useServer } from "../../hooks/use-servers";
import { ServerNotificationsDialog } from "../notifications/server-dialog";
import { ServerSettings } from "../settings/settings-lazy";
import { InviteDialog } from "./invite-dialog";
import { LeaveServerDialog, ServerMenu, type ServerMenuChoice } from "./server-menu";
import { serverMenuAllowed } from "./server-menu-access";

export interface ServerIconMenuProps {
  server: Server;
  at: { x: number; y: number };
  onClose: () => void;
}

/** A right click on a server's icon in the rail: the server menu's actions for that server, and Mark As Read. */
export function ServerIconMenu({ server, at, onClose }: ServerIconMenuProps) {
  const access = useAccess(server.id);
  const serverQuery = useServer(server.id);
  const rolesQuery = useRoles(server.id);
  const detail = serverQuery.data;
  // A server not opened yet loads its details on the right click: the menu shows once what
  // one may do there is known (or could not be loaded), never a partial list first.
  const known = (!!detail && !!rolesQuery.data) || !!serverQuery.error || !!rolesQuery.error;
  const [open, setOpen] = useState<Exclude<ServerMenuChoice, "mark-read" | "create-channel" | "create-category">>();
  const allowed = serverMenuAllowed(access, "rail", !!detail);
  // The menu closes before it reports the choice: a chosen dialog replaces it instead.
  const chosen = useRef(false);
  const choose = (choice: ServerMenuChoice) => {
    chosen.current = true;
    if (choice === "mark-read") {
      void markServerRead(server.id);
      onClose();
    } else if (choice !== "create-channel" && choice !== "create-category") setOpen(choice);
  };

  switch (open) {
    case "invite":
      return <InviteDialog open onClose={onClose} serverId={server.id} serverName={server.name} />;
    case "settings":
      return <ServerSettings serverId={server.id} onClose={onClose} />;
    case "notifications":
      return <ServerNotificationsDialog open onClose={onClose} serverId={server.id} serverName={server.name} />;
    case "leave":
      return detail ? <LeaveServerDialog open onClose={onClose} server={detail} /> : null;
  }
  if (!known) return null;
  return (
    <ServerMenu
      at={at}
      serverId={server.id}
      testId="server-icon-menu"
      allowed={allowed}
      onChoose={choose}
      onClose={() => queueMicrotask(() => !chosen.current && onClose())}
    />
  );
}
