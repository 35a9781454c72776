/** Discord-style icon text: the first letter of up to three words ("Giga Chat" -> "GC"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 3).map((word) => Array.from(word)[0] ?? "");
  return letters.join("").toUpperCase() || "?";
}

// Each one carries white initials at WCAG AA (4.5:1 or more).
const avatarColors = ["#5865f2", "#248046", "#a65d00", "#c03537", "#c2307a", "#8e44ad", "#117a65", "#0063d3"];

/** A stable colour per id so a person keeps their avatar colour everywhere. */
export function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return avatarColors[hash % avatarColors.length] ?? "#5865f2";
}
