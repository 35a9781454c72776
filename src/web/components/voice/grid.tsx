"use client";

import { useEffect, useState, type CSSProperties } from "react";
import type { VoiceState } from "@/shared/voice";
import { cn } from "../../lib/cn";
import { fitTiles } from "../../lib/tile-fit";
import { sortedOccupants, useRoom } from "../../stores/voice";
import { useMediaStore } from "../../voice/media-store";
import type { Person } from "./people";
import { Tile, type TileProps } from "./tile";

type TileSpec = Omit<TileProps, "pinned" | "large" | "onPin" | "onMenu"> & { key: string };

export interface GridProps {
  channelId: string;
  myId: string;
  people: (userId: string) => Person;
  /** A moderator's context menu on a tile (server rooms only). */
  onMenu?: (state: VoiceState, at: { x: number; y: number }) => void;
  className?: string;
  /** Size the tiles so that all of them fit the box without scrolling (a call panel of fixed height). */
  fit?: boolean;
}

/** The inner size of an element, kept up to date. */
function useBoxSize(): [(element: HTMLDivElement | null) => void, { width: number; height: number }] {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, size];
}

/** Everyone's tiles in a room (camera or avatar, and a screen share), one pinned large if chosen. */
export function Grid({ channelId, myId, people, onMenu, className, fit }: GridProps) {
  const [boxRef, box] = useBoxSize();
  const occupants = sortedOccupants(useRoom(channelId));
  const local = useMediaStore((s) => s.local);
  const remote = useMediaStore((s) => s.remote);
  const quality = useMediaStore((s) => s.quality);
  const pinned = useMediaStore((s) => s.pinned);
  const pin = useMediaStore((s) => s.pin);

  const tiles: TileSpec[] = [];
  for (const state of occupants) {
    const isMe = state.userId === myId;
    const tracks = isMe ? local : (remote[state.userId] ?? {});
    const base = { state, person: people(state.userId), isMe, quality: quality[state.userId] };
    // An empty camera m-line keeps its last frame; the state says whether the camera is on.
    tiles.push({ ...base, key: `${state.userId}:camera`, kind: "camera", track: isMe || state.camera ? tracks.video : undefined });
    if (state.screen || (isMe && local.screen)) tiles.push({ ...base, key: `${state.userId}:screen`, kind: "screen", track: tracks.screen });
  }
  const focus = tiles.find((t) => t.key === pinned);
  const render = (t: TileSpec, large = false) => (
    <Tile
      {...t}
      key={t.key}
      large={large}
      pinned={t.key === pinned}
      onPin={() => pin(t.key === pinned ? null : t.key)}
      onMenu={onMenu && ((at) => onMenu(t.state, at))}
    />
  );
  const columns = Math.min(4, Math.ceil(Math.sqrt(tiles.length)));
  return (
    <div className={cn("flex min-h-0 flex-1 flex-col gap-3 overflow-auto p-4 max-md:p-2", className)} data-testid="voice-grid">
      {focus ? (
        <>
          <div className="flex min-h-0 flex-1 items-center justify-center">{render(focus, true)}</div>
          <div className="flex shrink-0 gap-3 overflow-x-auto">
            {tiles
              .filter((t) => t !== focus)
              .map((t) => (
                <div key={t.key} className="w-48 shrink-0 max-md:w-36">
                  {render(t)}
                </div>
              ))}
          </div>
        </>
      ) : fit ? (
        <div ref={boxRef} className="flex min-h-0 flex-1 flex-wrap content-center items-center justify-center gap-3">
          {tiles.map((t) => (
            <div key={t.key} style={{ width: fitTiles(tiles.length, box.width, box.height).tileWidth || undefined }} className="max-w-full">
              {render(t)}
            </div>
          ))}
        </div>
      ) : (
        // On a phone the tiles stack in one column.
        <div
          className="m-auto grid w-full max-w-6xl grid-cols-1 gap-3 md:grid-cols-[repeat(var(--columns),minmax(0,1fr))]"
          style={{ "--columns": columns } as CSSProperties}
        >
          {tiles.map((t) => render(t))}
        </div>
      )}
    </div>
  );
}
