import { describe, expect, it } from "vitest";
import { groupedFolds } from "../../src/train/stratified-folds.ts";
import { trainModel } from "../../src/train/train-model.ts";
import { syntheticRows } from "./synthetic-rows.ts";

describe("groupedFolds", () => {
  // 60 addresses seen on 1 to 4 label days each; a third malicious.
  const groups: string[] = [];
  const labels: (0 | 1)[] = [];
  for (let a = 0; a < 60; a++)
    for (let d = 0; d <= a % 4; d++) {
      groups.push(`198.51.100.${a}`);
      labels.push(a % 3 === 0 ? 1 : 0);
    }

  it("keeps every address's rows in one fold, with both classes in every fold", () => {
    const fold = groupedFolds(labels, groups, 5, 7);
    const foldOf = new Map<string, number>();
    fold.forEach((f, i) => {
      const g = groups[i] ?? "";
      expect(foldOf.get(g) ?? f).toBe(f);
      foldOf.set(g, f);
    });
    for (let f = 0; f < 5; f++) {
      const inFold = labels.filter((_, i) => fold[i] === f);
      expect(inFold).toContain(1);
      expect(inFold).toContain(0);
    }
    expect(groupedFolds(labels, groups, 5, 7)).toEqual(fold);
  });

  it("is what trainModel uses for rows that name their address", async () => {
    const rows = syntheticRows(120, 3, 9).map((r, i) => ({ ...r, ip: `203.0.113.${i % 40}` }));
    const model = await trainModel(rows, { folds: 4, c: 1, gamma: 0.5, threads: 1 });
    expect(model.cvScheme).toBe("address");
    const anonymous = await trainModel(syntheticRows(120, 3, 9), { folds: 4, c: 1, gamma: 0.5, threads: 1 });
    expect(anonymous.cvScheme).toBe("rows");
  });
});
