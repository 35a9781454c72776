"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, Plus, Settings } from "lucide-react";
import { useParams } from "next/navigation";
import { useState } from "react";
import type { Channel } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { api } from "../../api";
import { useChannels } from "../../hooks/use-servers";
import { applyMoves, groupChannels, planDrop, type ChannelMove, type DropTarget } from "../../lib/channel-tree";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { queryKeys } from "../../query-keys";
import { ChannelItem, type DragProps } from "./channel-item";

export interface ChannelListProps {
  serverId: string;
  /** Manage Channels server-wide: drag to reorder and create. */
  canManage: boolean;
  onCreateChannel: (parentId: string | null) => void;
  onOpenSettings: (channelId: string) => void;
}

function mayEdit(channel: Channel, canManage: boolean): boolean {
  if (channel.permissions === undefined) return canManage;
  return can(channel.permissions, Permission.ManageChannels) || can(channel.permissions, Permission.ManageRoles);
}

/** Channels grouped by collapsible categories; people who may manage channels drag them around. */
export function ChannelList({ serverId, canManage, onCreateChannel, onOpenSettings }: ChannelListProps) {
  const channels = useChannels(serverId);
  const { channelId } = useParams<{ channelId?: string }>();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [dragId, setDragId] = useState<string>();
  const [over, setOver] = useState<DropTarget>();
  const key = queryKeys.channels(serverId);

  const reorder = useMutation({
    mutationFn: (moves: ChannelMove[]) => api.reorderChannels(serverId, moves),
    onMutate: async (moves) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Channel[]>(key);
      if (before) queryClient.setQueryData<Channel[]>(key, applyMoves(before, moves));
      return { before };
    },
    onError: (_error, _moves, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });

  const dragProps = (target: DropTarget, id?: string): DragProps => ({
    draggable: canManage && !!id,
    onDragStart: (event) => {
      if (!id) return;
      event.stopPropagation();
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", id);
      setDragId(id);
    },
    onDragEnd: () => {
      setDragId(undefined);
      setOver(undefined);
    },
    onDragOver: (event) => {
      if (!dragId) return;
      event.preventDefault();
      event.stopPropagation();
      if (over?.parentId !== target.parentId || over?.beforeId !== target.beforeId) setOver(target);
    },
    onDrop: (event) => {
      event.preventDefault();
      event.stopPropagation();
      if (dragId && channels.data) {
        const moves = planDrop(channels.data, dragId, target);
        if (moves.length > 0) reorder.mutate(moves);
      }
      setDragId(undefined);
      setOver(undefined);
    },
  });

  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const groups = groupChannels(channels.data ?? []);
  const listDrop = dragProps({ parentId: null });

  return (
    <div
      className="scroll-thin flex-1 overflow-y-auto px-2 pb-2 pt-3"
      data-testid="channel-list"
      onDragOver={listDrop.onDragOver}
      onDrop={listDrop.onDrop}
    >
      {channels.error && <p className="px-2 pt-4 text-sm text-danger-soft">{describeError(channels.error)}</p>}
      {reorder.error && <p className="px-2 pb-2 text-sm text-danger-soft">{describeError(reorder.error)}</p>}
      {groups.map(({ category, channels: children }) => {
        const isCollapsed = !!category && collapsed.has(category.id);
        const shown = isCollapsed ? children.filter((c) => c.id === channelId) : children;
        const parentId = category?.id ?? null;
        return (
          <section key={parentId ?? "loose"} aria-label={category?.name ?? "Channels"} className={cn(category && "pt-4")} data-testid="channel-group">
            {category && (
              <CategoryHeader
                category={category}
                collapsed={isCollapsed}
                onToggle={() => toggle(category.id)}
                onCreate={canManage ? () => onCreateChannel(category.id) : undefined}
                onOpenSettings={mayEdit(category, canManage) ? () => onOpenSettings(category.id) : undefined}
                drag={dragProps({ parentId: category.id }, category.id)}
                highlight={!!dragId && over?.parentId === category.id && !over.beforeId}
              />
            )}
            <ul className="flex flex-col gap-0.5">
              {shown.map((channel) => (
                <ChannelItem
                  key={channel.id}
                  channel={channel}
                  active={channel.id === channelId}
                  onOpenSettings={mayEdit(channel, canManage) ? () => onOpenSettings(channel.id) : undefined}
                  drag={dragProps({ parentId, beforeId: channel.id }, channel.id)}
                  dropBefore={!!dragId && dragId !== channel.id && over?.beforeId === channel.id}
                  dragging={dragId === channel.id}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {channels.data && groups.every((g) => g.channels.length === 0) && (
        <p className="px-2 pt-2 text-sm text-text-muted">No channels you can see yet.</p>
      )}
    </div>
  );
}

interface CategoryHeaderProps {
  category: Channel;
  collapsed: boolean;
  onToggle: () => void;
  onCreate?: () => void;
  onOpenSettings?: () => void;
  drag: DragProps;
  highlight: boolean;
}

function CategoryHeader({ category, collapsed, onToggle, onCreate, onOpenSettings, drag, highlight }: CategoryHeaderProps) {
  return (
    <h2
      {...drag}
      data-testid="category"
      data-category-name={category.name}
      className={cn(
        "group flex h-6 items-center gap-0.5 rounded pr-1 max-md:h-10 text-xs font-semibold uppercase tracking-wide text-text-muted",
        highlight && "bg-blurple/30",
      )}
    >
      <button type="button" onClick={onToggle} aria-expanded={!collapsed} className="flex min-w-0 flex-1 items-center gap-0.5 uppercase hover:text-text">
        <ChevronDown size={12} className={cn("shrink-0 transition-transform", collapsed && "-rotate-90")} />
        <span className="truncate">{category.name}</span>
      </button>
      {onOpenSettings && (
        <button type="button" aria-label={`Edit category ${category.name}`} onClick={onOpenSettings} className="opacity-0 hover:text-text-strong focus-visible:opacity-100 group-hover:opacity-100 pointer-coarse:opacity-100 max-md:p-2">
          <Settings size={14} />
        </button>
      )}
      {onCreate && (
        <button type="button" aria-label="Create channel" title="Create Channel" onClick={onCreate} className="hover:text-text-strong max-md:p-2">
          <Plus size={16} />
        </button>
      )}
    </h2>
  );
}
