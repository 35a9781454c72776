"use client";

import { useEffect, useMemo, useState } from "react";
import type { HighlightToken } from "../lib/markdown";

type Highlight = (code: string, language: string | null) => HighlightToken[];

let loaded: Highlight | undefined;
let loading: Promise<Highlight> | undefined;

/** The highlighter and its language table load the first time a code block names a language. */
function loadHighlighter(): Promise<Highlight> {
  loading ??= import("../lib/markdown/highlight").then(
    (m) => (loaded = m.highlight),
    (error: unknown) => {
      loading = undefined; // a later code block tries again
      throw error;
    },
  );
  return loading;
}

/**
 * A code block's tokens: the code as plain text first, coloured once the highlighter is
 * in. A block without a language stays plain and never loads it.
 */
export function useHighlight(code: string, language: string | null): HighlightToken[] {
  const [highlight, setHighlight] = useState<Highlight | undefined>(() => loaded);
  useEffect(() => {
    if (highlight || language === null) return;
    let live = true;
    loadHighlighter().then(
      (h) => live && setHighlight(() => h),
      () => undefined, // stays plain
    );
    return () => {
      live = false;
    };
  }, [highlight, language]);
  return useMemo(
    () => (highlight && language !== null ? highlight(code, language) : code ? [{ kind: "plain", text: code }] : []),
    [highlight, code, language],
  );
}
