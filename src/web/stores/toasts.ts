/** Short notices for actions that failed away from any form (a reaction, a pin, a delete). */
import { create } from "zustand";

export interface Toast {
  id: number;
  text: string;
}

interface ToastState {
  toasts: Toast[];
  show: (text: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 0;
const lifetimeMs = 5000;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (text) => {
    const id = ++nextId;
    set((s) => ({ toasts: [...s.toasts.slice(-2), { id, text }] }));
    setTimeout(() => get().dismiss(id), lifetimeMs);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
