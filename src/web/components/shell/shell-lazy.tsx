"use client";

import { lazyPart } from "../ui/lazy";
import { PanelLoading } from "../ui/lazy-loading";

// The new-server form loads when "Add a Server" is clicked.
export const CreateServerForm = lazyPart(() => import("./create-server-form").then((m) => m.CreateServerForm), <PanelLoading />);
