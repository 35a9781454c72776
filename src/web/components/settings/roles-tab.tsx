"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { GripVertical, Lock, Plus } from "lucide-react";
import { useState, type DragEvent } from "react";
import type { Role } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { useAccess } from "../../hooks/use-access";
import { useMembers, useRoles } from "../../hooks/use-servers";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { roleColor } from "../../lib/role-color";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { SettingsTitle } from "../ui/settings-shell";
import { RoleEditor } from "./role-editor";

/**
 * New positions for dropping `dragged` before `before` (high-first order). Only roles I may
 * edit move, and they reuse their own position numbers, so roles above me never change.
 */
export function planRoleMove(highFirst: Role[], editable: (r: Role) => boolean, draggedId: string, beforeId: string | null) {
  const movable = highFirst.filter(editable);
  const dragged = movable.find((r) => r.id === draggedId);
  if (!dragged || draggedId === beforeId) return [];
  const slots = movable.map((r) => r.position);
  const order = movable.filter((r) => r.id !== draggedId);
  const at = beforeId ? order.findIndex((r) => r.id === beforeId) : -1;
  order.splice(at === -1 ? order.length : at, 0, dragged);
  return order.flatMap((r, i) => (r.position === slots[i] ? [] : [{ id: r.id, position: slots[i] ?? r.position }]));
}

export function RolesTab({ serverId }: { serverId: string }) {
  const roles = useRoles(serverId);
  const members = useMembers(serverId);
  const access = useAccess(serverId);
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string>();
  const [dragging, setDragging] = useState<string>();
  const [newName, setNewName] = useState("");
  const [overId, setOverId] = useState<string>();
  // Everyone stays at the bottom: it is the base every role builds on.
  const highFirst = [...(roles.data ?? [])].reverse().filter((r) => r.id !== serverId);
  const everyone = roles.data?.find((r) => r.id === serverId);
  const editable = (r: Role) => r.id !== serverId && access.canEditRole(r);
  const selected = roles.data?.find((r) => r.id === selectedId);

  const create = useMutation({
    // Named up front so the audit log records the role under the name people will know it by.
    mutationFn: () => api.createRole(serverId, { name: newName.trim() || "new role" }),
    onSuccess: (role) => {
      setNewName("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.roles(serverId) });
      setSelectedId(role.id);
    },
  });
  const reorder = useMutation({
    mutationFn: (moves: Array<{ id: string; position: number }>) => api.reorderRoles(serverId, moves),
    onMutate: (moves) => {
      const byId = new Map(moves.map((m) => [m.id, m.position]));
      queryClient.setQueryData<Role[]>(queryKeys.roles(serverId), (list) =>
        list?.map((r) => ({ ...r, position: byId.get(r.id) ?? r.position })),
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.roles(serverId) }),
  });

  const onDrop = (event: DragEvent, beforeId: string | null) => {
    event.preventDefault();
    if (dragging) {
      const moves = planRoleMove(highFirst, editable, dragging, beforeId);
      if (moves.length > 0) reorder.mutate(moves);
    }
    setDragging(undefined);
    setOverId(undefined);
  };

  if (!roles.data) return roles.error ? <FormError message={describeError(roles.error)} /> : <Spinner />;

  return (
    <>
      <SettingsTitle>Roles</SettingsTitle>
      <p className="mb-4 text-sm text-text-muted">
        Higher roles outrank lower ones. Drag to reorder; people with a role can only manage roles below their highest.
      </p>
      {(create.error ?? reorder.error) && <FormError message={describeError(create.error ?? reorder.error)} />}
      <div className="flex gap-6 max-md:flex-col">
        <div className="flex w-56 shrink-0 flex-col gap-1 max-md:w-full">
          <form
            className="mb-3 flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (!create.isPending) create.mutate();
            }}
          >
            <input
              aria-label="New role name"
              data-testid="new-role-name"
              placeholder="new role"
              value={newName}
              maxLength={limits.roleNameMax}
              onChange={(e) => setNewName(e.target.value)}
              className="h-8 min-w-0 flex-1 rounded-[3px] bg-field-deep px-2 text-sm text-text outline-none"
            />
            <Button type="submit" className="h-8 px-2.5" aria-label="Create role" data-testid="create-role" disabled={create.isPending}>
              {create.isPending ? <Spinner size={16} className="text-white" /> : <Plus size={16} />}
            </Button>
          </form>
          <ul data-testid="role-list" onDragOver={(e) => dragging && e.preventDefault()} onDrop={(e) => onDrop(e, null)}>
            {[...highFirst, ...(everyone ? [everyone] : [])].map((role) => {
              const count = members.data?.filter((m) => m.roleIds.includes(role.id)).length;
              const canMove = editable(role);
              return (
                <li
                  key={role.id}
                  draggable={canMove}
                  data-testid="role-row"
                  data-role-name={role.name}
                  onDragStart={(e) => {
                    e.dataTransfer.effectAllowed = "move";
                    setDragging(role.id);
                  }}
                  onDragEnd={() => {
                    setDragging(undefined);
                    setOverId(undefined);
                  }}
                  onDragOver={(e) => {
                    if (!dragging || !canMove) return;
                    e.preventDefault();
                    setOverId(role.id);
                  }}
                  onDrop={(e) => {
                    e.stopPropagation();
                    onDrop(e, role.id);
                  }}
                  className={cn("border-t-2", dragging && overId === role.id && dragging !== role.id ? "border-blurple" : "border-transparent")}
                >
                  <button
                    type="button"
                    onClick={() => setSelectedId(role.id)}
                    aria-current={role.id === selectedId ? "true" : undefined}
                    className={cn(
                      "flex h-9 w-full items-center gap-2 rounded px-2 text-left",
                      role.id === selectedId ? "bg-selected" : "hover:bg-hover",
                      dragging === role.id && "opacity-50",
                    )}
                  >
                    {canMove ? <GripVertical size={14} className="shrink-0 cursor-grab text-text-muted" /> : <Lock size={14} className="shrink-0 text-text-muted" />}
                    <span aria-hidden className="size-3 shrink-0 rounded-full" style={{ backgroundColor: roleColor(role.color) ?? "#99aab5" }} />
                    <span className="min-w-0 flex-1 truncate font-medium text-text">{role.id === serverId ? "@everyone" : role.name}</span>
                    {count !== undefined && role.id !== serverId && <span className="text-xs text-text-muted">{count}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
        <div className="min-w-0 flex-1">
          {selected ? (
            <RoleEditor
              key={`${selected.id}:${selected.name}:${selected.color}:${selected.permissions}`}
              serverId={serverId}
              role={selected}
              onDeleted={() => setSelectedId(undefined)}
            />
          ) : (
            <p className="pt-2 text-text-muted">Choose a role to see and change its permissions.</p>
          )}
        </div>
      </div>
    </>
  );
}
