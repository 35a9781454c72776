/** Role colours are 24-bit numbers; 0 means "no colour", shown in the default text colour. */
export function roleColor(color: number): string | undefined {
  return color === 0 ? undefined : `#${color.toString(16).padStart(6, "0")}`;
}

export function parseColor(hex: string): number {
  const value = Number.parseInt(hex.replace("#", ""), 16);
  return Number.isFinite(value) ? value & 0xffffff : 0;
}
