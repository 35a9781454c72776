"use client";

import type { ComponentProps } from "react";
import { useUploads } from "../../stores/uploads";
import type { MentionAutocomplete as EagerMentions } from "./mention-autocomplete";
import { lazyPart } from "../ui/lazy";
import { DialogLoading } from "../ui/lazy-loading";
import { Spinner } from "../ui/spinner";

// Parts of the composer and of a message that show only on use.

const Mentions = lazyPart(() => import("./mention-autocomplete").then((m) => m.MentionAutocomplete));
const Tray = lazyPart(() => import("../attachments/upload-tray").then((m) => m.UploadTray));

/** Suggestions once "@" has matches; the keys that pick one work in the composer meanwhile. */
export function MentionAutocomplete(props: ComponentProps<typeof EagerMentions>) {
  return props.choices.length > 0 ? <Mentions {...props} /> : null;
}

/** The files being added to the next message, once there is one. */
export function UploadTray({ channelId }: { channelId: string }) {
  const any = useUploads((s) => (s.byChannel[channelId]?.length ?? 0) > 0);
  return any ? <Tray channelId={channelId} /> : null;
}

/** The message editor, when Edit is chosen. */
export const MessageEditor = lazyPart(
  () => import("./message-editor").then((m) => m.MessageEditor),
  <Spinner size={16} className="my-1" />,
);

/** What a long press on a message opens on a touch screen. */
export const MessageActionSheet = lazyPart(() => import("./message-action-sheet").then((m) => m.MessageActionSheet));

/** What a right click on a message opens. */
export const MessageMenu = lazyPart(() => import("./message-menu").then((m) => m.MessageMenu));

/** "Are you sure?" before a message is deleted. */
export const DeleteMessageDialog = lazyPart(() => import("./delete-message-dialog").then((m) => m.DeleteMessageDialog), <DialogLoading />);

/** The channel's pinned messages, from the header's pin button. */
export const PinsPopover = lazyPart(() => import("./pins-popover").then((m) => m.PinsPopover));

/** A message's earlier versions, from its "(edited)". */
export const EditHistory = lazyPart(() => import("./edit-history").then((m) => m.EditHistory));
