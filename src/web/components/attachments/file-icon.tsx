import { File, FileArchive, FileAudio, FileCode, FileImage, FileText, FileVideo, type LucideIcon } from "lucide-react";

const archives = ["zip", "x-tar", "gzip", "x-gzip", "x-7z-compressed", "vnd.rar", "x-rar-compressed", "x-bzip2", "x-xz", "zstd"];
const code = ["json", "xml", "javascript", "x-sh", "x-python", "typescript"];

/** An icon for a file card by its detected type; every kind of file still gets a card, never a preview. */
export function fileIconFor(contentType: string): LucideIcon {
  const [family = "", subtype = ""] = contentType.toLowerCase().split(";")[0]?.trim().split("/") ?? [];
  if (family === "image") return FileImage;
  if (family === "audio") return FileAudio;
  if (family === "video") return FileVideo;
  if (family === "application" && archives.includes(subtype)) return FileArchive;
  if (code.includes(subtype) || subtype === "html" || subtype === "css") return FileCode;
  if (family === "text" || subtype === "pdf" || subtype.includes("document") || subtype === "msword") return FileText;
  return File;
}
