import { describe, expect, it } from "vitest";
import type { AuditLogEntry } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { auditActionPhrase, auditTargetText, describeChanges } from "./audit-format";

function entry(changes: AuditLogEntry["changes"], action: AuditLogEntry["action"] = "role.update"): AuditLogEntry {
  return {
    id: "1",
    serverId: "1",
    action,
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

  it("reads an overwrite like Discord: allowed and denied flags for the role, never an object", () => {
    const send = Permission.SendMessages.toString();
    const attach = Permission.AttachFiles.toString();
    const first = entry([{ key: "role:Helper", before: null, after: { allow: send, deny: attach } }], "overwrite.update");
    expect(describeChanges(first, [])).toEqual(["permissions for role Helper: allowed Send Messages; denied Attach Files"]);
    const second = entry([{ key: "role:Helper", before: { allow: send, deny: attach }, after: { allow: "0", deny: (Permission.AttachFiles | Permission.AddReactions).toString() } }], "overwrite.update");
    expect(describeChanges(second, [])).toEqual(["permissions for role Helper: denied Add Reactions; reset Send Messages"]);
    // Rows written before the target was named carry the role id alone.
    const old = entry([{ key: "7", before: { allow: send, deny: "0" }, after: null }], "overwrite.delete");
    const role = { id: "7", serverId: "1", name: "Helper", color: 0, position: 1, permissions: "0", hoist: false, mentionable: false };
    expect(describeChanges(old, [role])).toEqual(["removed the overwrite for role Helper"]);
    expect(describeChanges(first, []).join(" ")).not.toContain("[object Object]");
  });

  it("writes role colours as hex and no colour as default", () => {
    expect(describeChanges(entry([{ key: "color", before: 0, after: 3066993 }]), [])).toEqual(["colour: default → #2ECC71"]);
  });

  it("says category for a category, and words for every other kind of value", () => {
    const category = entry([{ key: "type", before: null, after: "category" }], "channel.create");
    expect(auditActionPhrase({ ...category, targetName: "Stuff", targetType: "channel" })).toBe("created the category");
    expect(auditTargetText({ ...category, targetName: "Stuff", targetType: "channel" })).toBe("Stuff");
    const text = entry([{ key: "type", before: null, after: "text" }], "channel.create");
    expect(auditActionPhrase(text)).toBe("created the channel");
    expect(auditTargetText({ ...text, targetType: "channel", targetName: "general" })).toBe("#general");
    expect(describeChanges(text, [])).toEqual(["type: text channel"]);
    expect(auditActionPhrase(entry([{ key: "type", before: "category", after: null }], "channel.delete"))).toBe("deleted the category");
    const names = { roles: [], channels: [{ id: "9", name: "Stuff" }], people: [{ id: "u1", name: "Ann" }, { id: "u2", name: "Ben" }] };
    expect(
      describeChanges(
        entry(
          [
            { key: "parentId", before: null, after: "9" },
            { key: "slowmodeSeconds", before: 0, after: 3600 },
          ],
          "channel.update",
        ),
        names,
      ),
    ).toEqual(["category: no category → Stuff", "slowmode: off → 1 hour"]);
    expect(describeChanges(entry([{ key: "ownerId", before: "u1", after: "u2" }], "server.transfer"), names)).toEqual(["owner: Ann → Ben"]);
    expect(describeChanges(entry([{ key: "serverMute", before: false, after: true }], "member.voice"), names)).toEqual(["server mute: off → on"]);
    expect(describeChanges(entry([{ key: "content", before: "hello", after: null }], "message.delete"), names)).toEqual(["message: “hello”"]);
    expect(describeChanges(entry([{ key: "channel", before: { id: "1", name: "Lounge" }, after: { id: "2", name: "Stage" } }], "member.move"), names)).toEqual([
      "channel: Lounge → Stage",
    ]);
  });
});
