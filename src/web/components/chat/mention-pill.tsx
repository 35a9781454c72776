"use client";

import type { ReactNode } from "react";
import { splitMentions, type MentionSegment } from "../../lib/mentions";
import { roleColor } from "../../lib/role-color";
import { useChatContext } from "./chat-context";

const pill = "rounded-[3px] px-0.5 font-medium";

/** One mention as Discord draws it: `@Name` on a tinted background, in the role's colour for roles. */
export function MentionPill({ segment }: { segment: Exclude<MentionSegment, { type: "text" }> }) {
  const { userName, role } = useChatContext();
  if (segment.type === "user") {
    return (
      <span data-testid="mention" data-user-id={segment.id} className={`${pill} bg-blurple/30 text-mention hover:bg-blurple hover:text-white`}>
        @{userName(segment.id) ?? "Unknown User"}
      </span>
    );
  }
  if (segment.type === "role") {
    const found = role(segment.id);
    const color = found && found.color ? roleColor(found.color) : undefined;
    return (
      <span
        data-testid="mention"
        data-role-id={segment.id}
        className={`${pill} ${color ? "" : "bg-blurple/30 text-mention"}`}
        style={color ? { color, backgroundColor: `${color}26` } : undefined}
      >
        @{found?.name ?? "deleted-role"}
      </span>
    );
  }
  return (
    <span data-testid="mention" className={`${pill} bg-blurple/30 text-mention`}>
      @{segment.type}
    </span>
  );
}

/** Plain text with its mentions drawn as pills. */
export function MentionText({ text }: { text: string }): ReactNode {
  return splitMentions(text).map((segment, index) =>
    segment.type === "text" ? <span key={index}>{segment.text}</span> : <MentionPill key={index} segment={segment} />,
  );
}
