"use client";

import { useRoles } from "../../hooks/use-servers";
import { roleColor } from "../../lib/role-color";

/** The roles that may see a new private channel; everyone is excluded since that is the point. */
export function PrivateRolePicker({ serverId, selected, onChange }: { serverId: string; selected: string[]; onChange: (ids: string[]) => void }) {
  const roles = useRoles(serverId);
  const choices = [...(roles.data ?? [])].filter((role) => role.id !== serverId).reverse();

  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">Who can see it</legend>
      {choices.length === 0 && <p className="text-sm text-text-muted">No roles yet. Only admins will see it.</p>}
      <div className="scroll-thin flex max-h-40 flex-col gap-0.5 overflow-y-auto">
        {choices.map((role) => (
          <label key={role.id} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 hover:bg-hover">
            <input
              type="checkbox"
              data-testid={`private-role-${role.name}`}
              checked={selected.includes(role.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, role.id] : selected.filter((id) => id !== role.id))}
              className="size-4 accent-blurple"
            />
            <span aria-hidden className="size-3 rounded-full" style={{ backgroundColor: roleColor(role.color) ?? "#99aab5" }} />
            <span className="font-medium text-text">{role.name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
