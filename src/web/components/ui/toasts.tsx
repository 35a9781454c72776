"use client";

import { X } from "lucide-react";
import { useToasts } from "../../stores/toasts";

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  if (toasts.length === 0) return null;
  return (
    <div className="pointer-events-none fixed bottom-24 left-1/2 z-[60] flex -translate-x-1/2 flex-col items-center gap-2">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          role="alert"
          data-testid="toast"
          className="pointer-events-auto flex items-center gap-3 rounded-md bg-danger px-4 py-2 text-sm font-medium text-white shadow-xl"
        >
          {toast.text}
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(toast.id)} className="opacity-80 hover:opacity-100">
            <X size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
