"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { useRequireAuth } from "../../hooks/use-require-auth";
import { useServers } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { readLastServer } from "../../lib/last-server";
import { Button } from "../ui/button";
import { FullScreenSpinner } from "../ui/spinner";
import { CreateFirstServer } from "./create-first-server";

/** `/`: send a signed-in person to where they were, or help them make their first server. */
export function Home() {
  const me = useRequireAuth();
  const servers = useServers();
  const router = useRouter();

  const target = useMemo(() => {
    if (!servers.data) return undefined;
    const last = readLastServer();
    return servers.data.find((server) => server.id === last) ?? servers.data[0];
  }, [servers.data]);

  useEffect(() => {
    if (target) router.replace(`/channels/${target.id}`);
  }, [target, router]);

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
  if (!me.data || !servers.data || target) return <FullScreenSpinner />;
  return <CreateFirstServer userName={me.data.name} />;
}
