"use client";

import { Copy, Download } from "lucide-react";
import { useState } from "react";
import { copyText } from "../../lib/clipboard";
import { Button } from "../ui/button";

function download(codes: string[]) {
  const text = `Giga Chat backup codes\nEach code works once, in place of a code from your authenticator app.\n\n${codes.join("\n")}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "giga-chat-backup-codes.txt";
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Shown once, right after they are made: the server keeps only what checks them. */
export function BackupCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-text-muted">
        Keep these backup codes somewhere safe. If you lose your phone, each one lets you sign in once. They will not be
        shown again.
      </p>
      <ul className="grid grid-cols-2 gap-2 rounded-md bg-field-deep p-4 font-mono text-sm text-text-strong" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code} className="flex items-center gap-2" data-testid="backup-code">
            <span aria-hidden className="size-3.5 shrink-0 rounded-sm border border-text-muted" />
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" className="h-8" data-testid="backup-codes-download" onClick={() => download(codes)}>
          <Download size={16} /> Download
        </Button>
        <Button
          variant="secondary"
          className="h-8"
          data-testid="backup-codes-copy"
          onClick={() => void copyText(codes.join("\n")).then(setCopied)}
        >
          <Copy size={16} /> {copied ? "Copied!" : "Copy"}
        </Button>
        <Button className="ml-auto h-8" data-testid="backup-codes-done" onClick={onDone}>
          I saved them
        </Button>
      </div>
    </div>
  );
}
