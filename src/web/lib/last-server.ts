const key = "gc:lastServer";

/** localStorage can throw (private mode, disabled storage); remembering is a nicety, not a must. */
export function readLastServer(): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function rememberLastServer(serverId: string): void {
  try {
    window.localStorage.setItem(key, serverId);
  } catch {
    // Ignored on purpose: see readLastServer.
  }
}
