"use client";

import { Hash } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useChannels } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { Spinner } from "../ui/spinner";

/** `/channels/:serverId` opens the first text channel the user can see. */
export function FirstChannelRedirect({ serverId }: { serverId: string }) {
  const channels = useChannels(serverId);
  const router = useRouter();
  const first = channels.data?.find((channel) => channel.type === "text");

  useEffect(() => {
    if (first) router.replace(`/channels/${serverId}/${first.id}`);
  }, [first, router, serverId]);

  if (channels.error) return <CenteredNote>{describeError(channels.error)}</CenteredNote>;
  if (channels.data && !first) {
    return (
      <CenteredNote>
        <Hash size={40} className="text-text-muted" />
        <span>There are no text channels you can see here yet.</span>
      </CenteredNote>
    );
  }
  return (
    <CenteredNote>
      <Spinner />
    </CenteredNote>
  );
}

function CenteredNote({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center text-text-muted">{children}</div>;
}
