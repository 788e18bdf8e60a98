import type { TLabelledRow } from "./types.ts";

/** Rows as libsvm text: `+1`/`-1` labels, 1-based sparse indices, zeros left out. */
export function toLibsvm(rows: readonly TLabelledRow[]): string {
  let out = "";
  for (const r of rows) {
    let line = r.y === 1 ? "+1" : "-1";
    r.x.forEach((v, i) => {
      if (v !== 0) line += ` ${i + 1}:${v}`;
    });
    out += line + "\n";
  }
  return out;
}

/**
 * Parses libsvm text. Any positive label is malicious (1), anything else benign (0): files from other
 * tools use +1/-1 or 1/0. Vectors are dense, as wide as the largest index seen (or `width`).
 */
export function parseLibsvm(text: string, width?: number): TLabelledRow[] {
  const parsed: { y: 0 | 1; pairs: [number, number][] }[] = [];
  let maxIndex = width ?? 0;
  const lines = text.split("\n");
  for (let ln = 0; ln < lines.length; ln++) {
    const line = (lines[ln] ?? "").trim();
    if (line === "" || line.startsWith("#")) continue;
    const parts = line.split(/\s+/);
    const label = Number(parts[0]);
    if (!Number.isFinite(label)) throw new Error(`libsvm line ${ln + 1}: bad label '${parts[0]}'`);
    const pairs: [number, number][] = [];
    for (let p = 1; p < parts.length; p++) {
      const tok = parts[p] ?? "";
      const colon = tok.indexOf(":");
      const index = Number(tok.slice(0, colon));
      const value = Number(tok.slice(colon + 1));
      if (colon < 1 || !Number.isInteger(index) || index < 1 || !Number.isFinite(value)) {
        throw new Error(`libsvm line ${ln + 1}: bad feature '${tok}'`);
      }
      pairs.push([index, value]);
      if (width === undefined && index > maxIndex) maxIndex = index;
    }
    parsed.push({ y: label > 0 ? 1 : 0, pairs });
  }
  return parsed.map(({ y, pairs }) => {
    const x = new Array<number>(maxIndex).fill(0);
    for (const [i, v] of pairs) if (i <= maxIndex) x[i - 1] = v;
    return { x, y };
  });
}
