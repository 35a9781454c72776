/** The statuses a person can choose; no zod here, so the browser's first load can use it alone. */
export const presenceStatuses = ["online", "idle", "dnd", "invisible"] as const;

export type PresenceStatus = (typeof presenceStatuses)[number];
