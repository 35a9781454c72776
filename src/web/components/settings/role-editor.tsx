"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Role } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { useAccess } from "../../hooks/use-access";
import { describeError } from "../../lib/errors";
import { bits, permissionGroups } from "../../lib/permission-labels";
import { parseColor, roleColor } from "../../lib/role-color";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { SectionLabel } from "../ui/settings-shell";
import { SettingRow } from "../ui/choice";
import { Toggle } from "../ui/toggle";
import { PermissionList } from "./permission-list";

const swatches = [0, 0x1abc9c, 0x2ecc71, 0x3498db, 0x9b59b6, 0xe91e63, 0xf1c40f, 0xe67e22, 0xe74c3c, 0x95a5a6];

/** Name, colour and flags of one role; read-only at or above my highest role. */
export function RoleEditor({ serverId, role, onDeleted }: { serverId: string; role: Role; onDeleted: () => void }) {
  const access = useAccess(serverId);
  const queryClient = useQueryClient();
  const [name, setName] = useState(role.name);
  const [color, setColor] = useState(role.color);
  const [permissions, setPermissions] = useState(bits(role.permissions));
  const [hoist, setHoist] = useState(role.hoist);
  const [mentionable, setMentionable] = useState(role.mentionable);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const everyone = role.id === serverId;
  const readOnly = !access.canEditRole(role);
  const dirty =
    name.trim() !== role.name ||
    color !== role.color ||
    permissions !== bits(role.permissions) ||
    hoist !== role.hoist ||
    mentionable !== role.mentionable;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.roles(serverId) });
    void queryClient.invalidateQueries({ queryKey: ["servers", serverId, "audit-log"] });
  };
  const save = useMutation({
    mutationFn: () =>
      api.updateRole(serverId, role.id, {
        name: everyone ? undefined : name.trim(),
        color: everyone ? undefined : color,
        permissions: permissions.toString(),
        hoist: everyone ? undefined : hoist,
        mentionable: everyone ? undefined : mentionable,
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.deleteRole(serverId, role.id),
    onSuccess: () => {
      refresh();
      onDeleted();
    },
  });
  const reset = () => {
    setName(role.name);
    setColor(role.color);
    setPermissions(bits(role.permissions));
    setHoist(role.hoist);
    setMentionable(role.mentionable);
  };

  return (
    <div className="flex flex-col gap-6" data-testid="role-editor">
      <h2 className="text-base font-semibold text-text-strong">
        {/* The name in the theme's text colour (a role's colour need not reach 4.5:1), its colour beside it. */}
        Edit role — <span aria-hidden className="mr-1 inline-block size-3 rounded-full align-baseline" style={{ backgroundColor: roleColor(role.color) }} />
        {role.name}
      </h2>
      {readOnly && (
        <p className="rounded bg-field px-3 py-2 text-sm text-text-muted">
          This role is at or above your highest role, so you can look but not change it.
        </p>
      )}
      {(save.error ?? remove.error) && <FormError message={describeError(save.error ?? remove.error)} />}
      {!everyone && (
        <>
          <Field
            label="Role name"
            data-testid="role-name"
            value={name}
            maxLength={limits.roleNameMax}
            disabled={readOnly}
            onChange={(e) => setName(e.target.value)}
          />
          <div>
            <SectionLabel>Role colour</SectionLabel>
            <div className="flex flex-wrap items-center gap-1.5">
              {swatches.map((swatch) => (
                <button
                  key={swatch}
                  type="button"
                  disabled={readOnly}
                  aria-label={swatch === 0 ? "Default colour" : `Colour ${roleColor(swatch)}`}
                  aria-pressed={color === swatch}
                  onClick={() => setColor(swatch)}
                  className="size-7 rounded border-2 disabled:cursor-not-allowed"
                  style={{ backgroundColor: roleColor(swatch) ?? "#99aab5", borderColor: color === swatch ? "#fff" : "transparent" }}
                />
              ))}
              <input
                type="color"
                aria-label="Custom colour"
                disabled={readOnly}
                value={roleColor(color) ?? "#99aab5"}
                onChange={(e) => setColor(parseColor(e.target.value))}
                className="h-7 w-10 cursor-pointer rounded border-0 bg-transparent p-0"
              />
            </div>
          </div>
          <div className="flex flex-col gap-4" data-testid="role-flags">
            <SettingRow
              title="Display role members separately from online members"
              hint="Members with this role are listed in their own group in the member list."
            >
              <Toggle
                checked={hoist}
                onChange={setHoist}
                disabled={readOnly}
                testId="role-hoist"
                label="Display role members separately from online members"
              />
            </SettingRow>
            <SettingRow
              title="Allow anyone to @mention this role"
              hint="Members without Mention @everyone can still ping this role's members."
            >
              <Toggle
                checked={mentionable}
                onChange={setMentionable}
                disabled={readOnly}
                testId="role-mentionable"
                label="Allow anyone to @mention this role"
              />
            </SettingRow>
          </div>
        </>
      )}
      <PermissionList
        groups={permissionGroups}
        value={permissions}
        onChange={setPermissions}
        grantable={(flag) => access.can(flag)}
        readOnly={readOnly}
      />
      {!readOnly && !everyone && (
        <Button variant="danger" className="self-start" disabled={remove.isPending} data-testid="delete-role"
          onClick={() => (confirmDelete ? remove.mutate() : setConfirmDelete(true))}>
          {remove.isPending ? "Deleting…" : confirmDelete ? `Really delete ${role.name}?` : "Delete Role"}
        </Button>
      )}
      {dirty && !readOnly && (
        <div className="sticky bottom-4 flex items-center gap-3 rounded-md bg-floating px-4 py-2.5 shadow-xl">
          <span className="flex-1 text-sm">Careful — you have unsaved changes!</span>
          <Button variant="link" className="text-text hover:underline" onClick={reset}>
            Reset
          </Button>
          <Button variant="success" data-testid="save-role" disabled={save.isPending || !name.trim()} onClick={() => save.mutate()}>
            {save.isPending ? "Saving…" : "Save Changes"}
          </Button>
        </div>
      )}
    </div>
  );
}
