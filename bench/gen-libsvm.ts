/**
 * Writes a synthetic two-class libsvm-format file for the training benchmark: rank-like features
 * in [0, 1] (skewed, mostly small, overlapping classes, a little label noise) so the SVM keeps a
 * realistic share of support vectors. Seeded, so every run of bench/train.sh sees the same file.
 *
 *   npx tsx bench/gen-libsvm.ts OUT [ROWS=8000] [FEATURES=8] [SEED=1]
 */
import { writeFileSync } from "node:fs";

const [out, rowsArg, featArg, seedArg] = process.argv.slice(2);
if (!out) {
  process.stderr.write("usage: gen-libsvm.ts OUT [ROWS] [FEATURES] [SEED]\n");
  process.exit(2);
}
const rows = Number(rowsArg ?? 8000);
const features = Number(featArg ?? 8);
let state = Number(seedArg ?? 1) >>> 0;

// mulberry32: tiny, fast, seedable.
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function gauss(): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
const clamp = (v: number): number => Math.min(1, Math.max(0, v));

const lines: string[] = [];
for (let i = 0; i < rows; i++) {
  const malicious = rand() < 0.5;
  // Malicious rows sit higher on most features (recent, dense neighbourhoods), benign rows low;
  // two sub-clusters per class make the boundary non-linear.
  const sub = rand() < 0.5 ? 0 : 1;
  const parts: string[] = [];
  for (let f = 0; f < features; f++) {
    const centre = malicious
      ? (sub === 0 ? 0.55 : 0.35) + (f % 3) * 0.05
      : sub === 0
        ? 0.2
        : 0.4 - (f % 2) * 0.1;
    const v = clamp(centre + gauss() * 0.17);
    if (v !== 0) parts.push(`${f + 1}:${v.toFixed(6)}`);
  }
  const noisy = rand() < 0.04;
  const label = malicious !== noisy ? 1 : -1;
  lines.push(`${label} ${parts.join(" ")}`);
}
writeFileSync(out, lines.join("\n") + "\n");
