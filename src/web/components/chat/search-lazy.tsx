"use client";

import { lazyPart } from "../ui/lazy";
import { PanelLoading } from "../ui/lazy-loading";

// The search results panel loads with the first search.
export { useServerSearchScope, type SearchScope } from "./search-scope";

export const SearchPanel = lazyPart(
  () => import("./search-panel").then((m) => m.SearchPanel),
  <PanelLoading className="flex w-[420px] shrink-0 items-center justify-center bg-sidebar" />,
);
