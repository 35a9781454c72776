/**
 * A message nonce. crypto.randomUUID exists only in secure contexts, and a self-hosted
 * server is often reached over plain http on a LAN address, so fall back to
 * getRandomValues, which works everywhere.
 */
export function newNonce(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
