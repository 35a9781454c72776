/** Limits shared by the server (enforced) and the browser (shown before sending). */
export const limits = {
  messageContentMax: 2000,
  messagePageDefault: 50,
  messagePageMax: 100,
  nonceMax: 64,
  serverNameMin: 2,
  serverNameMax: 100,
  channelNameMax: 100,
  channelTopicMax: 1024,
  roleNameMax: 100,
  auditReasonMax: 512,
  /** Per person and channel: at most this many messages in this window. */
  sendBurst: 5,
  sendWindowSeconds: 5,
  slowmodeMaxSeconds: 6 * 3600,
  typingExpiresSeconds: 8,
  idleAfterSeconds: 600,
  reactionsPerMessageMax: 20,
  /** Unread and mention counts stop here (the server counts no further; badges read "99+"). */
  unreadCountMax: 100,
  /** Longest timeout, as in Discord: 28 days. */
  timeoutMaxSeconds: 28 * 24 * 3600,
  userNameMax: 64,
  /** Usernames: lowercase letters, digits, `_` and `.`, no `..`, as on Discord. */
  usernameMin: 2,
  usernameMax: 32,
  aboutMax: 190,
  /** Files per message, and the default largest file (operators change it with UPLOAD_MAX_MB). */
  attachmentsPerMessage: 10,
  uploadMaxBytesDefault: 25 * 1024 * 1024,
  /** Images with more pixels are refused before decoding (decompression bombs). */
  imageMaxPixels: 50_000_000,
  /** Avatars and server icons: the largest upload, and the square sizes kept. */
  avatarMaxBytes: 8 * 1024 * 1024,
  /** People in a group conversation, its creator included. */
  groupDmMax: 10,
  groupDmNameMax: 100,
  customStatusMax: 128,
  passwordMin: 8,
  passwordMax: 128,
  inviteMaxUsesMax: 1000,
  /** Longest an invite may live, in seconds (7 days); 0 means never expires. */
  inviteMaxAgeMax: 7 * 24 * 3600,
} as const;
