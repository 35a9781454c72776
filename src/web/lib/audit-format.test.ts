import { describe, expect, it } from "vitest";
import type { AuditLogEntry } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { describeChanges } from "./audit-format";

function entry(changes: AuditLogEntry["changes"]): AuditLogEntry {
  return {
    id: "1",
    serverId: "1",
    action: "role.update",
    actor: null,
    targetType: "role",
    targetId: "2",
    targetName: "Crew",
    changes,
    reason: null,
    createdAt: new Date(0).toISOString(),
  };
}

describe("describeChanges", () => {
  it("names granted and removed flags", () => {
    const before = Permission.SendMessages.toString();
    const after = (Permission.KickMembers | Permission.BanMembers).toString();
    expect(describeChanges(entry([{ key: "permissions", before, after }]), [])).toEqual([
      "permissions: granted Kick Members, Ban Members; took away Send Messages",
    ]);
  });

  it("reads role lists and hides what did not change", () => {
    const lines = describeChanges(
      entry([
        { key: "roles.add", before: null, after: ["Crew"] },
        { key: "roles.remove", before: ["Mods"], after: null },
        { key: "position:general", before: 0, after: 0 },
        { key: "position:random", before: 2, after: 0 },
      ]),
      [],
    );
    expect(lines).toEqual(["added roles: Crew", "removed roles: Mods", "position of random: 2 → 0"]);
  });

  it("says invite limits in words", () => {
    expect(describeChanges(entry([{ key: "maxAge", before: null, after: 1800 }, { key: "maxUses", before: null, after: 0 }]), [])).toEqual([
      "expires after: 30 minutes",
      "max uses: no limit",
    ]);
  });
});
