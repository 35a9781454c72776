/**
 * Ranking for the Ctrl+K switcher. A leading `#` narrows to channels, `@` to people and
 * `*` to servers, as in Discord; the rest ranks prefix matches above word starts above
 * anything containing the text.
 */
export interface SwitcherItem {
  kind: "server" | "channel" | "person";
  id: string;
  label: string;
  /** The server a channel or person is in, shown on the right. */
  detail?: string;
  href: string;
}

const prefixes: Record<string, SwitcherItem["kind"]> = { "#": "channel", "@": "person", "*": "server" };

function score(label: string, query: string): number {
  const lower = label.toLowerCase();
  if (lower === query) return 0;
  if (lower.startsWith(query)) return 1;
  if (lower.split(/[\s_-]+/).some((w) => w.startsWith(query))) return 2;
  return lower.includes(query) ? 3 : -1;
}

export function rankSwitcher(items: SwitcherItem[], input: string, max = 12): SwitcherItem[] {
  const first = input.charAt(0);
  const only = prefixes[first];
  const query = (only ? input.slice(1) : input).trim().toLowerCase();
  const kindOrder = { channel: 0, person: 1, server: 2 } as const;
  return items
    .filter((item) => !only || item.kind === only)
    .map((item) => ({ item, s: query ? score(item.label, query) : 4 }))
    .filter(({ s }) => s >= 0)
    .sort((a, b) => a.s - b.s || kindOrder[a.item.kind] - kindOrder[b.item.kind] || a.item.label.localeCompare(b.item.label))
    .slice(0, max)
    .map(({ item }) => item);
}
