"use client";

import { createContext, useContext } from "react";

/** How a message's content is drawn where it is shown (see message-content.tsx). */
export interface ContentMode {
  /** Links and pills can be followed. */
  interactive: boolean;
  /** Spoilers can be revealed here. */
  spoilers: boolean;
}

export const ContentModeContext = createContext<ContentMode>({ interactive: true, spoilers: true });

/** Whether links and pills here can be followed (not in a search hit or a reply's one line). */
export function useContentMode(): ContentMode {
  return useContext(ContentModeContext);
}
