"use client";

import dynamic from "next/dynamic";

// The emoji list and its search load when a picker first opens; it appears where it was asked for once in.
export const EmojiPicker = dynamic(() => import("./emoji-picker").then((m) => m.EmojiPicker), { ssr: false });
