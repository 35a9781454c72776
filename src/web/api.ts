/**
 * The one typed client for the HTTP API v1. Every call goes through `request`, which
 * turns the server's `{error:{code,message}}` body into an `ApiRequestError` so the UI
 * can react to the stable code instead of parsing messages.
 */
import type {
  Attachment,
  AuditLogAction,
  AuditLogEntry,
  AuthProviders,
  Ban,
  BanInput,
  Channel,
  CreateChannelInput,
  CreateInviteInput,
  CreateRoleInput,
  DeleteAccountInput,
  DmChannel,
  DmSettings,
  ErrorCode,
  Invite,
  InvitePreview,
  Member,
  Message,
  MessageEdit,
  MessageHistoryQuery,
  OpenDmInput,
  OverwriteInput,
  Presence,
  PublicUser,
  ReadState,
  Role,
  SearchResult,
  SelfUser,
  Server,
  ServerDetail,
  UpdateChannelInput,
  UpdateGroupDmInput,
  UpdateMemberInput,
  UpdateProfileInput,
  UpdateRoleInput,
  UpdateServerInput,
  UserProfile,
  UserSession,
  UsernameCheck,
} from "@/shared/api";
import type { VoiceModerationInput, VoiceState } from "@/shared/voice";
import type { CallInfo, CallRingInput, CallStartInput } from "@/shared/calls";
import type { Appearance, UpdateAppearanceInput } from "@/shared/api";
import type {
  InboxPage,
  NotificationSettings,
  PushPublicKey,
  UpdateChannelNotificationsInput,
  UpdateNotificationPrefsInput,
  UpdateServerNotificationsInput,
} from "@/shared/api/notifications";

/** Codes the server sends plus the ones only the client can produce. */
export type ClientErrorCode = ErrorCode | "NETWORK_ERROR" | "UNKNOWN";

export class ApiRequestError extends Error {
  readonly code: ClientErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ClientErrorCode, message: string, status: number, details?: unknown) {
    super(message);
    this.name = "ApiRequestError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** How long the server asked us to wait (429 RATE_LIMITED and SLOWMODE), in ms. */
export function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof ApiRequestError)) return undefined;
  const details = error.details as { retryAfterMs?: unknown } | null | undefined;
  return typeof details?.retryAfterMs === "number" ? details.retryAfterMs : undefined;
}

export function isApiError(error: unknown, code?: ClientErrorCode): error is ApiRequestError {
  return error instanceof ApiRequestError && (code === undefined || error.code === code);
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

async function readError(response: Response): Promise<ApiRequestError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy or crash page may answer with HTML; the status still tells us enough.
  }
  const code = (body?.error?.code as ClientErrorCode | undefined) ?? (response.status === 401 ? "UNAUTHORIZED" : "UNKNOWN");
  const message = body?.error?.message ?? `Request failed with status ${response.status}`;
  return new ApiRequestError(code, message, response.status, body?.error?.details);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError("NETWORK_ERROR", "Could not reach the server. Check your connection.", 0);
  }
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Uploads one file as multipart (field `file`) with upload progress, which fetch cannot
 * report; `signal` cancels it. Errors arrive as ApiRequestError like every other call.
 */
export function uploadFile<T>(
  path: string,
  file: Blob & { name?: string },
  opts: { method?: "POST" | "PUT"; onProgress?: (sent: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(opts.method ?? "POST", `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiRequestError("NETWORK_ERROR", "Could not reach the server. Check your connection.", 0));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { "content-type": xhr.getResponseHeader("content-type") ?? "application/json" },
      });
      if (xhr.status >= 200 && xhr.status < 300) resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      else void readError(response).then(reject);
    };
    opts.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append("file", file, file.name ?? "file");
    xhr.send(form);
  });
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const api = {
  me: () => request<SelfUser>("GET", "/users/@me"),
  updateProfile: (input: UpdateProfileInput) => request<SelfUser>("PATCH", "/users/@me", input),
  appearance: () => request<Appearance>("GET", "/users/@me/appearance"),
  updateAppearance: (input: UpdateAppearanceInput) => request<Appearance>("PATCH", "/users/@me/appearance", input),
  checkUsername: (username: string) => request<UsernameCheck>("GET", `/users/username-check${query({ username })}`),
  profile: (userId: string) => request<UserProfile>("GET", `/users/${userId}/profile`),
  /** Needs the password (when the account has one) and a 2FA code (when it is on). */
  deleteAccount: (input: DeleteAccountInput) => request<void>("DELETE", "/users/@me", input),
  sessions: () => request<UserSession[]>("GET", "/users/@me/sessions"),
  revokeSession: (sessionId: string) => request<void>("DELETE", `/users/@me/sessions/${encodeURIComponent(sessionId)}`),
  revokeOtherSessions: () => request<void>("DELETE", "/users/@me/sessions"),
  /** My open conversations, most recent first. */
  listDms: () => request<DmChannel[]>("GET", "/users/@me/channels"),
  /** `{ recipientId }` opens (or reopens) a 1:1; `{ recipientIds, name? }` starts a group. */
  openDm: (input: OpenDmInput) => request<DmChannel>("POST", "/users/@me/channels", input),
  /** Closes a 1:1 (it comes back with the next message) or leaves a group. */
  closeDm: (channelId: string) => request<void>("DELETE", `/users/@me/channels/${channelId}`),
  updateGroupDm: (channelId: string, input: UpdateGroupDmInput) => request<DmChannel>("PATCH", `/dms/${channelId}`, input),
  addDmRecipient: (channelId: string, userId: string) => request<DmChannel>("PUT", `/dms/${channelId}/recipients/${userId}`),
  /** The group's creator only. */
  removeDmRecipient: (channelId: string, userId: string) => request<void>("DELETE", `/dms/${channelId}/recipients/${userId}`),
  searchDm: (channelId: string, q: string, page: { limit?: number; offset?: number } = {}) =>
    request<SearchResult>("GET", `/channels/${channelId}/messages/search${query({ q, ...page })}`),
  blocks: () => request<PublicUser[]>("GET", "/users/@me/blocks"),
  block: (userId: string) => request<void>("PUT", `/users/@me/blocks/${userId}`),
  unblock: (userId: string) => request<void>("DELETE", `/users/@me/blocks/${userId}`),
  dmSettings: (serverId: string) => request<DmSettings>("GET", `/users/@me/servers/${serverId}/settings`),
  setDmSettings: (serverId: string, input: DmSettings) => request<DmSettings>("PUT", `/users/@me/servers/${serverId}/settings`, input),
  /** People I share a server with (for the quick switcher and the group picker). */
  people: () => request<PublicUser[]>("GET", "/users/@me/people"),
  /** People I share a server or a conversation with, blocked people left out: the home screen's list. */
  contacts: () => request<PublicUser[]>("GET", "/users/@me/contacts"),
  /** Public: which sign-in buttons to show. */
  authProviders: () => request<AuthProviders>("GET", "/auth/providers"),

  listServers: () => request<Server[]>("GET", "/servers"),
  createServer: (name: string) => request<Server>("POST", "/servers", { name }),
  getServer: (serverId: string) => request<ServerDetail>("GET", `/servers/${serverId}`),

  updateServer: (serverId: string, input: UpdateServerInput) => request<Server>("PATCH", `/servers/${serverId}`, input),
  deleteServer: (serverId: string, confirmName: string) =>
    request<void>("DELETE", `/servers/${serverId}`, { confirmName }),
  leaveServer: (serverId: string) => request<void>("DELETE", `/users/@me/servers/${serverId}`),

  listChannels: (serverId: string) => request<Channel[]>("GET", `/servers/${serverId}/channels`),
  createChannel: (serverId: string, input: CreateChannelInput) =>
    request<Channel>("POST", `/servers/${serverId}/channels`, input),
  reorderChannels: (serverId: string, moves: Array<{ id: string; position: number; parentId?: string | null }>) =>
    request<void>("PATCH", `/servers/${serverId}/channels`, moves),
  updateChannel: (channelId: string, input: UpdateChannelInput) =>
    request<Channel>("PATCH", `/channels/${channelId}`, input),
  deleteChannel: (channelId: string) => request<void>("DELETE", `/channels/${channelId}`),
  putOverwrite: (channelId: string, targetId: string, input: OverwriteInput) =>
    request<void>("PUT", `/channels/${channelId}/permissions/${targetId}`, input),
  deleteOverwrite: (channelId: string, targetId: string) =>
    request<void>("DELETE", `/channels/${channelId}/permissions/${targetId}`),

  listRoles: (serverId: string) => request<Role[]>("GET", `/servers/${serverId}/roles`),
  createRole: (serverId: string, input: CreateRoleInput = {}) => request<Role>("POST", `/servers/${serverId}/roles`, input),
  reorderRoles: (serverId: string, moves: Array<{ id: string; position: number }>) =>
    request<Role[]>("PATCH", `/servers/${serverId}/roles`, moves),
  updateRole: (serverId: string, roleId: string, input: UpdateRoleInput) =>
    request<Role>("PATCH", `/servers/${serverId}/roles/${roleId}`, input),
  deleteRole: (serverId: string, roleId: string) => request<void>("DELETE", `/servers/${serverId}/roles/${roleId}`),

  listMembers: (serverId: string) => request<Member[]>("GET", `/servers/${serverId}/members`),
  updateMember: (serverId: string, userId: string, input: UpdateMemberInput) =>
    request<Member>("PATCH", `/servers/${serverId}/members/${userId}`, input),
  kickMember: (serverId: string, userId: string, reason?: string) =>
    request<void>("DELETE", `/servers/${serverId}/members/${userId}`, { reason }),

  listBans: (serverId: string) => request<Ban[]>("GET", `/servers/${serverId}/bans`),
  banMember: (serverId: string, userId: string, input: BanInput) =>
    request<void>("PUT", `/servers/${serverId}/bans/${userId}`, input),
  unban: (serverId: string, userId: string) => request<void>("DELETE", `/servers/${serverId}/bans/${userId}`),

  listInvites: (serverId: string) => request<Invite[]>("GET", `/servers/${serverId}/invites`),
  createInvite: (serverId: string, input: CreateInviteInput = {}) =>
    request<Invite>("POST", `/servers/${serverId}/invites`, input),
  revokeInvite: (code: string) => request<void>("DELETE", `/invites/${encodeURIComponent(code)}`),

  auditLog: (serverId: string, filter: { action?: AuditLogAction; userId?: string; before?: string; limit?: number } = {}) =>
    request<AuditLogEntry[]>("GET", `/servers/${serverId}/audit-log${query({ ...filter })}`),
  previewInvite: (code: string) => request<InvitePreview>("GET", `/invites/${encodeURIComponent(code)}`),
  acceptInvite: (code: string) => request<{ serverId: string }>("POST", `/invites/${encodeURIComponent(code)}`),

  listMessages: (channelId: string, page: MessageHistoryQuery = {}) =>
    request<Message[]>("GET", `/channels/${channelId}/messages${query({ ...page })}`),
  sendMessage: (channelId: string, content: string, nonce: string, replyToId?: string, attachmentIds?: string[]) =>
    request<Message>("POST", `/channels/${channelId}/messages`, { content, nonce, replyToId, attachmentIds }),
  /** One file for a message in this channel; send its id with the message. */
  uploadAttachment: (channelId: string, file: File, opts: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal } = {}) =>
    uploadFile<Attachment>(`/channels/${channelId}/attachments`, file, opts),
  /** Cropped square and resized by the server; returns me with the new `image` URL. */
  uploadAvatar: (file: File, opts: { onProgress?: (sent: number, total: number) => void } = {}) =>
    uploadFile<SelfUser>("/users/@me/avatar", file, { method: "PUT", ...opts }),
  removeAvatar: () => request<SelfUser>("DELETE", "/users/@me/avatar"),
  uploadServerIcon: (serverId: string, file: File, opts: { onProgress?: (sent: number, total: number) => void } = {}) =>
    uploadFile<Server>(`/servers/${serverId}/icon`, file, { method: "PUT", ...opts }),
  removeServerIcon: (serverId: string) => request<Server>("DELETE", `/servers/${serverId}/icon`),
  editMessage: (channelId: string, messageId: string, content: string) =>
    request<Message>("PATCH", `/channels/${channelId}/messages/${messageId}`, { content }),
  deleteMessage: (channelId: string, messageId: string) =>
    request<void>("DELETE", `/channels/${channelId}/messages/${messageId}`),
  messageEdits: (channelId: string, messageId: string) =>
    request<MessageEdit[]>("GET", `/channels/${channelId}/messages/${messageId}/edits`),

  addReaction: (channelId: string, messageId: string, emoji: string) =>
    request<void>("PUT", `/channels/${channelId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}/@me`),
  removeReaction: (channelId: string, messageId: string, emoji: string) =>
    request<void>("DELETE", `/channels/${channelId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}/@me`),
  reactors: (channelId: string, messageId: string, emoji: string) =>
    request<PublicUser[]>("GET", `/channels/${channelId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`),

  listPins: (channelId: string) => request<Message[]>("GET", `/channels/${channelId}/pins`),
  pin: (channelId: string, messageId: string) => request<void>("PUT", `/channels/${channelId}/pins/${messageId}`),
  unpin: (channelId: string, messageId: string) => request<void>("DELETE", `/channels/${channelId}/pins/${messageId}`),

  ack: (channelId: string, messageId: string) =>
    request<ReadState>("POST", `/channels/${channelId}/messages/${messageId}/ack`, {}),
  /** Mark Unread: my cursor goes back to just before this message. */
  markUnread: (channelId: string, messageId: string) =>
    request<ReadState>("POST", `/channels/${channelId}/messages/${messageId}/unread`, {}),
  /** Mark As Read for every channel of a server I can see. */
  ackServer: (serverId: string) => request<ReadState[]>("POST", `/servers/${serverId}/ack`, {}),
  readStates: () => request<ReadState[]>("GET", "/users/@me/read-states"),

  search: (serverId: string, q: string, page: { limit?: number; offset?: number } = {}) =>
    request<SearchResult>("GET", `/servers/${serverId}/messages/search${query({ q, ...page })}`),
  presences: (serverId: string) => request<Presence[]>("GET", `/servers/${serverId}/presences`),
  voiceStates: (serverId: string) => request<VoiceState[]>("GET", `/servers/${serverId}/voice-states`),
  moderateVoice: (serverId: string, userId: string, input: VoiceModerationInput) => request<unknown>("PATCH", `/servers/${serverId}/voice-states/${userId}`, input),
  disconnectVoice: (serverId: string, userId: string) => request<void>("DELETE", `/servers/${serverId}/voice-states/${userId}`),

  /** Calls in conversations: the ones open in mine, one conversation's, start, ring again, decline. */
  myCalls: () => request<CallInfo[]>("GET", "/users/@me/calls"),
  /** The open call and who is in it now. */
  channelCall: (channelId: string) => request<{ call: CallInfo | null; states: VoiceState[] }>("GET", `/channels/${channelId}/call`),
  startCall: (channelId: string, input: CallStartInput = {}) => request<{ call: CallInfo }>("POST", `/channels/${channelId}/call`, input),
  ringCall: (channelId: string, input: CallRingInput = {}) => request<{ call: CallInfo }>("POST", `/channels/${channelId}/call/ring`, input),
  declineCall: (channelId: string) => request<void>("POST", `/channels/${channelId}/call/decline`, {}),

  /** Notifications: my settings, this browser's push subscription, the test, the inbox. */
  notificationSettings: () => request<NotificationSettings>("GET", "/users/@me/notification-settings"),
  updateNotificationPrefs: (input: UpdateNotificationPrefsInput) =>
    request<NotificationSettings>("PATCH", "/users/@me/notification-settings", input),
  updateServerNotifications: (serverId: string, input: UpdateServerNotificationsInput) =>
    request<NotificationSettings>("PUT", `/users/@me/notification-settings/servers/${serverId}`, input),
  updateChannelNotifications: (channelId: string, input: UpdateChannelNotificationsInput) =>
    request<NotificationSettings>("PUT", `/users/@me/notification-settings/channels/${channelId}`, input),
  pushPublicKey: () => request<PushPublicKey>("GET", "/push/public-key"),
  addPushSubscription: (subscription: PushSubscriptionJSON) => request<{ id: string }>("POST", "/users/@me/push-subscriptions", subscription),
  removePushSubscription: (endpoint: string) => request<void>("DELETE", "/users/@me/push-subscriptions", { endpoint }),
  testNotification: () => request<{ devices: number }>("POST", "/users/@me/notifications/test", {}),
  inbox: (page: { before?: string; limit?: number } = {}) => request<InboxPage>("GET", `/users/@me/inbox${query(page)}`),
  readAllInbox: () => request<{ unreadCount: number }>("POST", "/users/@me/inbox/read-all", {}),
};
