"use client";

import { MessagesSquare, Plus } from "lucide-react";
import { useState } from "react";
import { useServers } from "../../hooks/use-servers";
import { Dialog } from "../ui/dialog";
import { RightTooltip } from "../ui/tooltip";
import { CreateServerForm } from "./create-server-form";
import { ServerIcon } from "./server-icon";

export function ServerRail({ activeServerId }: { activeServerId: string | undefined }) {
  const servers = useServers();
  const [creating, setCreating] = useState(false);

  return (
    <nav aria-label="Servers" className="scroll-none flex w-[72px] shrink-0 flex-col items-center gap-2 overflow-y-auto bg-rail py-3">
      <RightTooltip label="Giga Chat">
        <div className="flex w-[72px] justify-center">
          <span className="flex size-12 items-center justify-center rounded-2xl bg-blurple text-white">
            <MessagesSquare size={26} />
          </span>
        </div>
      </RightTooltip>
      <div className="mx-auto h-0.5 w-8 rounded bg-divider" />
      {servers.data?.map((server) => (
        <ServerIcon key={server.id} server={server} active={server.id === activeServerId} />
      ))}
      <RightTooltip label="Add a Server">
        <div className="flex w-[72px] justify-center">
          <button
            type="button"
            aria-label="Add a Server"
            data-testid="create-server"
            onClick={() => setCreating(true)}
            className="flex size-12 items-center justify-center rounded-3xl bg-chat text-success transition-all hover:rounded-2xl hover:bg-success hover:text-white"
          >
            <Plus size={24} />
          </button>
        </div>
      </RightTooltip>
      <Dialog
        open={creating}
        onClose={() => setCreating(false)}
        title="Create a server"
        description="Give your new server a name. You can always change it later."
        testId="create-server-dialog"
      >
        {creating && <CreateServerForm onCreated={() => setCreating(false)} />}
      </Dialog>
    </nav>
  );
}
