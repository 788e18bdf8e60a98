import { describe, expect, it } from "vitest";
import { parseLibsvm, toLibsvm } from "../../src/train/index.ts";

describe("libsvm format", () => {
  it("round-trips rows, dropping zeros on the way out", () => {
    const rows = [
      { x: [0.5, 0, 2], y: 1 as const },
      { x: [0, 0, 0], y: 0 as const },
      { x: [1.25, 3, 0], y: 0 as const },
    ];
    const text = toLibsvm(rows);
    expect(text.split("\n")[0]).toBe("+1 1:0.5 3:2");
    expect(parseLibsvm(text, 3)).toEqual(rows);
  });

  it("reads +1/-1 and 1/0 labels and sparse indices", () => {
    const rows = parseLibsvm("1 2:0.5\n-1 1:1 4:2\n0 3:7\n# comment\n\n");
    expect(rows.map((r) => r.y)).toEqual([1, 0, 0]);
    expect(rows[1]?.x).toEqual([1, 0, 0, 2]);
  });

  it("rejects malformed lines with the line number", () => {
    expect(() => parseLibsvm("1 1:0.5\nx 1:1")).toThrow(/line 2/);
    expect(() => parseLibsvm("1 0:0.5")).toThrow(/line 1/);
  });
});
