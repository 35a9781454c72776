/**
 * Whether an error means the disk (or the user's quota) has no room left: ENOSPC or
 * EDQUOT from Node's fs, or the same condition in a message from libvips (sharp), which
 * reports it as text. An upload that hits it answers 503 STORAGE_FULL, not 500.
 */
import { errors } from "../errors";

const codes = new Set(["ENOSPC", "EDQUOT"]);
const messages = /ENOSPC|EDQUOT|No space left on device|Disk quota exceeded/i;

export function isDiskFull(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && codes.has(code)) return true;
    if (typeof message === "string" && messages.test(message)) return true;
  }
  return false;
}

/** The error to answer with: STORAGE_FULL for a full disk, else the error as it was. */
export function storageFullOr(err: unknown): unknown {
  return isDiskFull(err) ? errors.storageFull() : err;
}
