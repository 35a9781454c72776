"use client";

import dynamic from "next/dynamic";

// The profile card (with its actions: message, block) loads when someone's name is first clicked.
export const ProfilePopover = dynamic(() => import("./profile-card").then((m) => m.ProfilePopover), { ssr: false });
