/** How a call panel of fixed height lays out its 16:9 tiles so that all of them show. */

/** Tailwind `gap-3`. */
const gapPx = 12;

/** The column count that gives 16:9 tiles the largest width in a `width` × `height` box, and that width. */
export function fitTiles(count: number, width: number, height: number): { columns: number; tileWidth: number } {
  let best = { columns: 1, tileWidth: 0 };
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns);
    const byWidth = (width - (columns - 1) * gapPx) / columns;
    const byHeight = ((height - (rows - 1) * gapPx) / rows) * (16 / 9);
    const tileWidth = Math.floor(Math.min(byWidth, byHeight));
    if (tileWidth > best.tileWidth) best = { columns, tileWidth };
  }
  return best;
}
