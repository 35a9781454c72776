"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { useRequireAuth } from "../../hooks/use-require-auth";
import { useServers } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { readLastServer } from "../../lib/last-server";
import { Button } from "../ui/button";
import { FullScreenSpinner } from "../ui/spinner";

/**
 * `/`: send a signed-in person to where they were; someone in no server goes to the home
 * screen (direct messages and people), where a card helps make a first server.
 */
export function Home() {
  const me = useRequireAuth();
  const servers = useServers();
  const router = useRouter();

  const target = useMemo(() => {
    if (!servers.data) return undefined;
    const last = readLastServer();
    return servers.data.find((server) => server.id === last) ?? servers.data[0];
  }, [servers.data]);

  const noServers = servers.data?.length === 0;
  useEffect(() => {
    if (target) router.replace(`/channels/${target.id}`);
    else if (noServers) router.replace("/channels/me");
  }, [target, noServers, router]);

  if (me.signedOut) return <FullScreenSpinner />;
  const error = me.error ?? servers.error;
  if (error) {
    return (
      <div className="flex h-dvh flex-col items-center justify-center gap-4 bg-chat p-4 text-center">
        <p className="text-text">{describeError(error)}</p>
        <Button onClick={() => void Promise.all([me.refetch(), servers.refetch()])}>Try again</Button>
      </div>
    );
  }
  return <FullScreenSpinner />;
}
