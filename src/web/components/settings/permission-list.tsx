"use client";

import { flagOf, type PermissionGroup } from "../../lib/permission-labels";
import { Toggle } from "../ui/toggle";

export interface PermissionListProps {
  groups: PermissionGroup[];
  value: bigint;
  onChange: (next: bigint) => void;
  /** Flags I hold myself; the server refuses to let anyone grant what they lack. */
  grantable: (flag: bigint) => boolean;
  readOnly: boolean;
}

/** A role's flags as labelled switches, grouped General / Text / Voice / Moderation. */
export function PermissionList({ groups, value, onChange, grantable, readOnly }: PermissionListProps) {
  return (
    <div className="flex flex-col gap-6">
      {groups.map((group) => (
        <section key={group.title}>
          <h3 className="mb-1 text-xs font-bold uppercase tracking-wide text-text-muted">{group.title} Permissions</h3>
          <ul className="divide-y divide-divider">
            {group.flags.map((info) => {
              const flag = flagOf(info.name);
              const on = (value & flag) === flag;
              return (
                <li key={info.name} className="flex items-center gap-4 py-3" data-testid={`perm-${info.name}`}>
                  <div className="flex-1">
                    <p className="font-medium text-text-strong">{info.label}</p>
                    <p className="text-xs text-text-muted">{info.hint}</p>
                  </div>
                  <Toggle
                    checked={on}
                    label={info.label}
                    disabled={readOnly || (!on && !grantable(flag))}
                    onChange={(next) => onChange(next ? value | flag : value & ~flag)}
                  />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
