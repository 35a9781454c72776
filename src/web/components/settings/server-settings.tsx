"use client";

import { useState } from "react";
import { useAccess } from "../../hooks/use-access";
import { useServer } from "../../hooks/use-servers";
import { SettingsShell } from "../ui/settings-shell";
import { AuditLogTab } from "./audit-log-tab";
import { BansTab } from "./bans-tab";
import { InvitesTab } from "./invites-tab";
import { MembersTab } from "./members-tab";
import { OverviewTab } from "./overview-tab";
import { RolesTab } from "./roles-tab";
import { visibleServerTabs, type ServerTab } from "./server-tabs";

export { visibleServerTabs, type ServerTab };

export function ServerSettings({ serverId, onClose, initialTab }: { serverId: string; onClose: () => void; initialTab?: ServerTab }) {
  const server = useServer(serverId);
  const access = useAccess(serverId);
  const tabs = visibleServerTabs(access);
  const [chosen, setChosen] = useState<ServerTab | undefined>(initialTab);
  // If a permission goes away while open, fall back to a tab still allowed.
  const active = tabs.find((t) => t.id === chosen)?.id ?? tabs[0]?.id;

  return (
    <SettingsShell
      title={server.data?.name ?? "Server"}
      tabs={tabs}
      active={active ?? "overview"}
      onSelect={setChosen}
      onClose={onClose}
      testId="server-settings"
    >
      {!active && <p className="text-text-muted">You no longer have permission to change this server.</p>}
      {active === "overview" && <OverviewTab serverId={serverId} onDeleted={onClose} />}
      {active === "roles" && <RolesTab serverId={serverId} />}
      {active === "members" && <MembersTab serverId={serverId} />}
      {active === "invites" && <InvitesTab serverId={serverId} />}
      {active === "bans" && <BansTab serverId={serverId} />}
      {active === "audit-log" && <AuditLogTab serverId={serverId} />}
    </SettingsShell>
  );
}
