import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Attachment } from "@/shared/api";
import { limits } from "@/shared/limits";
import { useUploads } from "../stores/uploads";

/** Each upload waits until the test finishes (or fails) it by file name. */
const pending = new Map<string, { resolve: (a: Attachment) => void; reject: (e: unknown) => void; signal?: AbortSignal }>();

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return {
    ...actual,
    api: {
      uploadAttachment: (_channelId: string, file: File, opts: { signal?: AbortSignal } = {}) =>
        new Promise<Attachment>((resolve, reject) => {
          pending.set(file.name, { resolve, reject, signal: opts.signal });
          opts.signal?.addEventListener("abort", () => reject(new DOMException("cancelled", "AbortError")));
        }),
    },
  };
});

const { addUploads, cancelUpload, sendWithUploads } = await import("./use-upload-attachments");
const { ApiRequestError } = await import("../api");

const channelId = "100";
const file = (name: string, size = 10) => new File([new Uint8Array(size)], name, { type: "application/pdf" });
const attachment = (id: string): Attachment => ({
  id,
  filename: `${id}.pdf`,
  contentType: "application/pdf",
  size: 10,
  kind: "file",
  width: null,
  height: null,
  url: `/api/v1/attachments/${id}/${id}.pdf`,
  thumbnailUrl: null,
});
const tiles = () => useUploads.getState().byChannel[channelId] ?? [];
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  useUploads.setState({ byChannel: {} });
  pending.clear();
});

describe("uploads for the next message", () => {
  it("refuses too large files and the eleventh file on their tiles, without uploading them", () => {
    addUploads(channelId, [file("big.pdf", limits.uploadMaxBytesDefault + 1)]);
    addUploads(channelId, Array.from({ length: limits.attachmentsPerMessage + 1 }, (_, i) => file(`f${i}.pdf`)));
    const failed = tiles().filter((t) => t.status === "failed");
    expect(failed.map((t) => t.name)).toEqual(["big.pdf", `f${limits.attachmentsPerMessage}.pdf`]);
    expect(failed[0]?.error).toMatch(/largest file you can upload is 25 MB/);
    expect(failed[1]?.error).toMatch(/up to 10 files/);
    expect(pending.size).toBe(limits.attachmentsPerMessage);
  });

  it("sends once the uploads are done, with the finished ones, and keeps failed tiles to read", async () => {
    addUploads(channelId, [file("a.pdf"), file("b.pdf")]);
    const sent: Attachment[][] = [];
    sendWithUploads(channelId, (attachments) => sent.push(attachments));
    expect(sent).toEqual([]);
    pending.get("a.pdf")?.resolve(attachment("1"));
    pending.get("b.pdf")?.reject(new ApiRequestError("FILE_NOT_ALLOWED", "no", 415));
    await flush();
    await flush();
    expect(sent).toEqual([[attachment("1")]]);
    expect(tiles().map((t) => [t.name, t.status, t.error])).toEqual([["b.pdf", "failed", "This type of file is not allowed here."]]);
  });

  it("keeps the order messages were written in while one waits for its files", async () => {
    addUploads(channelId, [file("slow.pdf")]);
    const sent: string[] = [];
    sendWithUploads(channelId, (attachments) => sent.push(`first:${attachments.length}`));
    sendWithUploads(channelId, (attachments) => sent.push(`second:${attachments.length}`));
    await flush();
    expect(sent).toEqual([]);
    pending.get("slow.pdf")?.resolve(attachment("2"));
    await flush();
    await flush();
    expect(sent).toEqual(["first:1", "second:0"]);
  });

  it("sends at once when nothing is uploading", () => {
    const sent: number[] = [];
    sendWithUploads(channelId, (attachments) => sent.push(attachments.length));
    expect(sent).toEqual([0]);
  });

  it("cancels an upload in flight and drops its tile", async () => {
    addUploads(channelId, [file("c.pdf")]);
    const key = tiles()[0]?.key ?? "";
    cancelUpload(channelId, key);
    expect(pending.get("c.pdf")?.signal?.aborted).toBe(true);
    await flush();
    expect(tiles()).toEqual([]);
  });
});
