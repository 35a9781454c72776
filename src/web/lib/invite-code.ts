/** Accepts a bare code or any link ending in /invite/CODE, as people paste either. */
export function parseInviteCode(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const fromLink = /\/invite\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec(text);
  if (fromLink) return fromLink[1];
  return /^[A-Za-z0-9_-]+$/.test(text) ? text : undefined;
}
