import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../api";
import { describeUploadError, inlineImageUrl, precheckFile, previewBox, sizedImageUrl, squareSize } from "./attachments";
import { formatBytes } from "./format-bytes";

describe("formatBytes", () => {
  it("reads like a file manager", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(820)).toBe("820 bytes");
    expect(formatBytes(1024)).toBe("1 KB");
    expect(formatBytes(1.2 * 1024 * 1024)).toBe("1.2 MB");
    expect(formatBytes(25 * 1024 * 1024)).toBe("25 MB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3 GB");
  });
});

describe("previewBox", () => {
  it("scales a large image down to fit, keeping its shape", () => {
    expect(previewBox(1600, 900)).toEqual({ width: 400, height: 225 });
    expect(previewBox(600, 1200)).toEqual({ width: 150, height: 300 });
  });

  it("never scales a small image up", () => {
    expect(previewBox(120, 80)).toEqual({ width: 120, height: 80 });
  });

  it("reserves a square when the size is unknown", () => {
    expect(previewBox(null, null)).toEqual({ width: 300, height: 300 });
  });
});

describe("inlineImageUrl", () => {
  const base = { url: "/a/1/cat.png", thumbnailUrl: "/a/1/thumb" };
  it("uses the thumbnail for stills and the original for what may animate", () => {
    expect(inlineImageUrl({ ...base, contentType: "image/png" })).toBe("/a/1/thumb");
    expect(inlineImageUrl({ ...base, contentType: "image/gif" })).toBe("/a/1/cat.png");
    expect(inlineImageUrl({ ...base, contentType: "image/webp" })).toBe("/a/1/cat.png");
    expect(inlineImageUrl({ ...base, thumbnailUrl: null, contentType: "image/png" })).toBe("/a/1/cat.png");
  });
});

describe("precheckFile", () => {
  it("refuses files over the limit and empty ones, in words", () => {
    expect(precheckFile({ size: 26 * 1024 * 1024 })).toBe("This file is 26 MB; the largest file you can upload is 25 MB.");
    expect(precheckFile({ size: 0 })).toBe("This file is empty.");
    expect(precheckFile({ size: 10 })).toBeUndefined();
  });
});

describe("describeUploadError", () => {
  it("names the server's refusals", () => {
    expect(describeUploadError(new ApiRequestError("FILE_NOT_ALLOWED", "x", 415))).toBe("This type of file is not allowed here.");
    expect(describeUploadError(new ApiRequestError("FILE_TOO_LARGE", "x", 413))).toBe("This file is larger than this server accepts.");
    expect(describeUploadError(new ApiRequestError("IMAGE_TOO_LARGE", "x", 413))).toMatch(/megapixels/);
  });
});

describe("sizedImageUrl", () => {
  it("picks the smallest kept square that is sharp at twice the shown size", () => {
    expect(squareSize(16)).toBe(64);
    expect(squareSize(40)).toBe(128);
    expect(squareSize(80)).toBe(256);
    expect(squareSize(300)).toBe(512);
    expect(sizedImageUrl("/api/v1/avatars/u/h", 32)).toBe("/api/v1/avatars/u/h?size=64");
    expect(sizedImageUrl("/x?v=1", 48)).toBe("/x?v=1&size=128");
  });
});
