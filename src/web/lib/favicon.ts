/**
 * The tab's icon with a red count on it: the app's icon drawn on a canvas with the badge,
 * in a `<link rel="icon">` of our own put last in the head (the browser takes the last
 * icon), removed at zero. The page's own icon links belong to React and are never touched:
 * a node React placed and someone else moved or removed breaks its next render.
 */
import { faviconText } from "./tab-badge";

const size = 64;
const BADGE_ID = "tab-badge-icon";
let base: Promise<HTMLImageElement | null> | undefined;
let shown = 0;

/** The page's own icon (not ours). */
function pageIcon(): string | undefined {
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')].find((link) => link.id !== BADGE_ID)?.href;
}

function loadBase(href: string | undefined): Promise<HTMLImageElement | null> {
  base ??= new Promise((resolve) => {
    if (!href) return resolve(null);
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => resolve(null);
    image.src = href;
  });
  return base;
}

function draw(image: HTMLImageElement | null, count: number): string | null {
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  if (image) {
    ctx.drawImage(image, 0, 0, size, size);
  } else {
    ctx.fillStyle = "#5865f2";
    ctx.beginPath();
    ctx.roundRect(0, 0, size, size, 16);
    ctx.fill();
  }
  const text = faviconText(count);
  const radius = 20;
  const width = text.length > 1 ? 50 : radius * 2;
  const x = size - width;
  const y = size - radius * 2;
  // A ring in a dark shade first, so the badge stands off a light or dark tab strip.
  ctx.fillStyle = "#1e1f22";
  ctx.beginPath();
  ctx.roundRect(x - 3, y - 3, width + 6, radius * 2 + 6, radius + 3);
  ctx.fill();
  ctx.fillStyle = "#da373c";
  ctx.beginPath();
  ctx.roundRect(x, y, width, radius * 2, radius);
  ctx.fill();
  ctx.fillStyle = "#ffffff";
  ctx.font = `bold ${text.length > 1 ? 26 : 30}px system-ui, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(text, x + width / 2, y + radius + 2);
  return canvas.toDataURL("image/png");
}

/** Shows `count` on the tab's icon; 0 takes the badge away. */
export async function setFaviconBadge(count: number): Promise<void> {
  if (typeof document === "undefined") return;
  shown = count;
  const own = document.getElementById(BADGE_ID);
  if (count <= 0) {
    own?.remove();
    return;
  }
  const image = await loadBase(pageIcon());
  // A newer count came while the icon loaded: that call draws.
  if (shown !== count) return;
  const url = draw(image, count);
  if (!url) return;
  const link = (document.getElementById(BADGE_ID) as HTMLLinkElement | null) ?? document.createElement("link");
  link.id = BADGE_ID;
  link.rel = "icon";
  link.href = url;
  link.dataset.badge = String(count);
  // Last in the head, after any icon the page added since.
  if (link !== document.head.lastElementChild) document.head.appendChild(link);
}
