"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { ModerationDialog as Eager } from "./moderation-dialogs";
import { lazyPart } from "../ui/lazy";
import { DialogLoading } from "../ui/lazy-loading";

export type { ModerationAction, ModerationKind } from "./moderation-dialogs";

const Loaded = dynamic(() => import("./moderation-dialogs").then((m) => m.ModerationDialog), {
  ssr: false,
  loading: () => <DialogLoading />,
});

/** The timeout, kick and ban dialog, loaded the first time a moderator picks one of them. */
export function ModerationDialog(props: ComponentProps<typeof Eager>) {
  return props.action ? <Loaded {...props} /> : null;
}

/** What I may do to a member (right click in the member list), loaded when first opened. */
export const MemberMenu = lazyPart(() => import("./member-menu").then((m) => m.MemberMenu));
