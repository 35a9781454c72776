/** Discord-style icon text: the first letter of up to three words ("Giga Chat" -> "GC"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 3).map((word) => Array.from(word)[0] ?? "");
  return letters.join("").toUpperCase() || "?";
}

const avatarColors = ["#5865f2", "#3ba55c", "#faa61a", "#ed4245", "#eb459e", "#9b59b6", "#1abc9c", "#e67e22"];

/** A stable colour per id so a person keeps their avatar colour everywhere. */
export function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return avatarColors[hash % avatarColors.length] ?? "#5865f2";
}
