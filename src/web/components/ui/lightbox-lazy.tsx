"use client";

import dynamic from "next/dynamic";
import { DialogLoading } from "./lazy-loading";

export const Lightbox = dynamic(() => import("./lightbox").then((m) => m.Lightbox), {
  ssr: false,
  loading: () => <DialogLoading />,
});
