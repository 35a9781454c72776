"use client";

import { X } from "lucide-react";
import { cn } from "../../lib/cn";
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
          role={toast.kind === "error" ? "alert" : "status"}
          data-testid="toast"
          data-kind={toast.kind}
          className={cn(
            "pointer-events-auto flex items-center gap-3 rounded-md px-4 py-2 text-sm font-medium shadow-xl",
            toast.kind === "error" ? "bg-danger text-white" : "bg-floating text-text-strong ring-1 ring-black/30",
          )}
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
