/**
 * Which people have a focused tab right now: per person, the sockets whose tab said
 * `client.focus {focused: true}` last. A person looking at the app on any device gets
 * no push (their open tab shows it). In memory, fed by this process's sockets.
 */
export class FocusStore {
  private readonly focused = new Map<string, Set<string>>();

  set(userId: string, socketId: string, focused: boolean): void {
    let sockets = this.focused.get(userId);
    if (focused) {
      if (!sockets) this.focused.set(userId, (sockets = new Set()));
      sockets.add(socketId);
    } else if (sockets) {
      sockets.delete(socketId);
      if (sockets.size === 0) this.focused.delete(userId);
    }
  }

  /** The socket went away: it is focused no more. */
  drop(userId: string, socketId: string): void {
    this.set(userId, socketId, false);
  }

  isFocused(userId: string): boolean {
    return this.focused.has(userId);
  }
}
