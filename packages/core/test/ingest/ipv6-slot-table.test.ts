import { describe, expect, it } from "vitest";
import { Ipv6SlotTable } from "../../src/ingest/ipv6-slot-table.ts";

describe("Ipv6SlotTable", () => {
  it("keeps every key's slot through growth, tells keys differing in any word apart, and lists them", () => {
    const t = new Ipv6SlotTable(4);
    const keys: number[][] = [];
    for (let i = 0; i < 5000; i++) keys.push([0x20010db8, i % 7, (i * 2654435761) >>> 0, i]);
    keys.push([0, 0, 0, 0], [0, 0, 0, 1], [1, 0, 0, 0]);
    keys.forEach((k, i) => expect(t.findOrAdd(k, i)).toBe(i));
    keys.forEach((k, i) => expect(t.findOrAdd(k, 99_999)).toBe(i));
    expect(t.size).toBe(keys.length);
    t.set([0, 0, 0, 1], 42);
    expect(t.findOrAdd([0, 0, 0, 1], 7)).toBe(42);
    const seen = new Map<string, number>();
    t.forEach((w, at, slot) => seen.set(Array.from(w.subarray(at, at + 4)).join(","), slot));
    expect(seen.size).toBe(keys.length);
    expect(seen.get("1,0,0,0")).toBe(keys.length - 1);
    t.setAll(3);
    expect(t.findOrAdd(keys[10] ?? [], 0)).toBe(3);
  });
});
