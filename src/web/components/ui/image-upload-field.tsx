"use client";

import { useRef, useState, type ReactNode } from "react";
import { describeUploadError, precheckSquareImage, squareImageTypes } from "../../lib/attachments";
import { Button } from "./button";
import { ProgressBar } from "./progress-bar";

export interface ImageUploadFieldProps {
  /** The picture as shown now (the avatar or icon, initials without one). */
  preview: ReactNode;
  hasImage: boolean;
  uploadLabel: string;
  removeLabel: string;
  hint: string;
  upload: (file: File, onProgress: (sent: number, total: number) => void) => Promise<unknown>;
  remove: () => Promise<unknown>;
  /** `avatar` gives avatar-upload, avatar-remove, avatar-progress and avatar-error. */
  testIdPrefix: string;
}

/** Change or remove a square picture (avatar, server icon): the server crops and sizes it. */
export function ImageUploadField(props: ImageUploadFieldProps) {
  const { testIdPrefix: id } = props;
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(describeUploadError(caught));
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  function picked(file: File) {
    const problem = precheckSquareImage(file);
    if (problem) {
      setError(problem);
      return;
    }
    setProgress(0);
    void run(() => props.upload(file, (sent, total) => setProgress(total > 0 ? (sent / total) * 100 : 0)));
  }

  return (
    <div className="flex items-center gap-4">
      <span className="shrink-0">{props.preview}</span>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap gap-2">
          <Button className="h-8" data-testid={`${id}-upload`} disabled={busy} onClick={() => input.current?.click()}>
            {props.uploadLabel}
          </Button>
          {props.hasImage && (
            <Button variant="link" className="h-8" data-testid={`${id}-remove`} disabled={busy} onClick={() => void run(props.remove)}>
              {props.removeLabel}
            </Button>
          )}
        </div>
        <input
          ref={input}
          type="file"
          hidden
          accept={squareImageTypes.join(",")}
          data-testid={`${id}-input`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) picked(file);
          }}
        />
        {progress !== undefined && <ProgressBar value={progress} label="Uploading picture" testId={`${id}-progress`} className="max-w-60" />}
        {error ? (
          <p role="alert" data-testid={`${id}-error`} className="text-sm text-danger-soft">
            {error}
          </p>
        ) : (
          <p className="text-xs text-text-muted">{props.hint}</p>
        )}
      </div>
    </div>
  );
}
