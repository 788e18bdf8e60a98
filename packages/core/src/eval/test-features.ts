import { buildDataset, type TBuildDatasetOptions } from "../labels/build-dataset.ts";
import { dayNumber, dayString } from "../day/day-number.ts";

export type TTestRow = { ip: string; y: 0 | 1; x: number[] };

/**
 * Feature vectors as of `day` for chosen addresses, through the production data set path (so
 * whatever features buildDataset makes, the test rows get the same): each address enters as an
 * analyst verdict on the single label day `day`, and only those rows are kept. The rollups handed
 * in are cut to days before `day`, so nothing of the test day or later can reach a feature, whatever
 * the feature code does.
 */
export function testFeatures(
  opts: Omit<TBuildDatasetOptions, "asOf" | "labelDays" | "verdicts" | "maxRows" | "benignRatio"> & {
    day: string;
    rows: readonly { ip: string; y: 0 | 1 }[];
  },
): { rows: TTestRow[]; featureNames: string[] } {
  const { day, rows, rollups, ...rest } = opts;
  const dataset = buildDataset({
    ...rest,
    rollups: rollups.filter((r) => r.day < day),
    asOf: dayString(dayNumber(day) + 1),
    labelDays: [day],
    verdicts: rows.map((r) => ({ ip: r.ip, verdict: r.y === 1 ? "malicious" : "benign" })),
    // Automatic rows are thrown away: ask for as few as the builder allows.
    benignRatio: 0,
  });
  const byIp = new Map(dataset.rows.filter((r) => r.source === "analyst").map((r) => [r.ip, r.x]));
  const out: TTestRow[] = [];
  for (const r of rows) {
    const x = byIp.get(r.ip);
    if (x) out.push({ ip: r.ip, y: r.y, x });
  }
  return { rows: out, featureNames: dataset.featureNames };
}
