import { colorFor } from "../../lib/initials";

/** The chosen banner colour, or the avatar's colour (stable per id) as Discord does. */
export function bannerColorOf(user: { id: string; bannerColor: string | null }): string {
  return user.bannerColor ?? colorFor(user.id);
}

const memberSince = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });

export function formatMemberSince(iso: string): string {
  return memberSince.format(new Date(iso));
}

/**
 * Where a profile card opens: beside the element (Discord opens it to the right of a
 * message author and to the left of a member list row). The popover places itself
 * below this zero-height box, so its top lines up with the trigger's.
 */
export function besideAnchor(element: Element, side: "right" | "left"): DOMRect {
  const box = element.getBoundingClientRect();
  const x = side === "right" ? box.right + 8 : box.left - 8;
  return new DOMRect(x, box.top - 6, 0, 0);
}
