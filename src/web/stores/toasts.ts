/**
 * Short notices for actions away from any form: a failure (a reaction, a pin, a delete)
 * in red, or a plain word of what was done ("Copied to clipboard.").
 */
import { create } from "zustand";

export type ToastKind = "error" | "info";

export interface Toast {
  id: number;
  text: string;
  kind: ToastKind;
}

interface ToastState {
  toasts: Toast[];
  show: (text: string, kind?: ToastKind) => void;
  dismiss: (id: number) => void;
}

let nextId = 0;
const lifetimeMs = 5000;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (text, kind = "error") => {
    const id = ++nextId;
    set((s) => ({ toasts: [...s.toasts.slice(-2), { id, text, kind }] }));
    setTimeout(() => get().dismiss(id), lifetimeMs);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
