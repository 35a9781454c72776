/** Query keys in one place so invalidation from socket events matches what hooks read. */
export const queryKeys = {
  me: ["me"] as const,
  servers: ["servers"] as const,
  server: (serverId: string) => ["servers", serverId] as const,
  channels: (serverId: string) => ["servers", serverId, "channels"] as const,
  members: (serverId: string) => ["servers", serverId, "members"] as const,
  roles: (serverId: string) => ["servers", serverId, "roles"] as const,
  bans: (serverId: string) => ["servers", serverId, "bans"] as const,
  invites: (serverId: string) => ["servers", serverId, "invites"] as const,
  auditLog: (serverId: string, filter: { action?: string; userId?: string }) =>
    ["servers", serverId, "audit-log", filter] as const,
  invite: (code: string) => ["invites", code] as const,
  readStates: ["read-states"] as const,
  presences: (serverId: string) => ["servers", serverId, "presences"] as const,
  pins: (channelId: string) => ["channels", channelId, "pins"] as const,
  edits: (channelId: string, messageId: string) => ["channels", channelId, "messages", messageId, "edits"] as const,
  reactors: (channelId: string, messageId: string, emoji: string) =>
    ["channels", channelId, "messages", messageId, "reactions", emoji] as const,
  search: (serverId: string, q: string) => ["servers", serverId, "search", q] as const,
  profile: (userId: string) => ["profile", userId] as const,
  usernameCheck: (username: string) => ["username-check", username] as const,
  sessions: ["sessions"] as const,
  linkedAccounts: ["linked-accounts"] as const,
  authProviders: ["auth-providers"] as const,
};
