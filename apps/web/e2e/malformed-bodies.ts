// Hostile request bodies for one JSON route, built from a valid body of it: text that is not JSON,
// JSON of the wrong shape, each field missing, each field (and each nested field) given every wrong
// type, strings past any sane length, and seeded random JSON (fast-check). Pure: the e2e test sends them.
import fc from "fast-check";

export type TCase = { label: string; text: string };

/** Raw texts no JSON route should take: broken syntax, a BOM, control bytes, absurd nesting. */
const NOT_JSON = [
  "",
  "{",
  '{"a":',
  "[",
  "nul",
  "undefined",
  "NaN",
  "{'single': 'quotes'}",
  '{"a":1}}',
  "\u0000",
  '\uFEFF{"a":1}',
  "[".repeat(5000) + "]".repeat(5000),
  '{"a":'.repeat(2000) + "1" + "}".repeat(2000),
];

/** Whole bodies of the wrong type. */
const WRONG_ROOTS: unknown[] = [null, [], "text", 0, -1, true, 1e308];

/** What a field gets instead of its value: every JSON type, edges, injection-looking strings. */
const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  "",
  "x",
  " ",
  true,
  [],
  {},
  [1, 2, 3],
  { $ne: 1 },
  { __proto__: { admin: true } },
  "<script>alert(1)</script>",
  '\'; DROP TABLE "Tenant"; --',
  "\u0000\u0001\u001f",
  "\uD800",
  "😀".repeat(1000),
  "a".repeat(300_000),
  "192.0.2.1".repeat(30_000),
  ["a".repeat(1000)],
  Array.from({ length: 20_000 }, (_, i) => i),
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function withValue(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head = "", ...rest] = path;
  const inner = base[head];
  return {
    ...base,
    [head]: rest.length === 0 ? value : withValue(isObject(inner) ? inner : {}, rest, value),
  };
}

function withoutKey(base: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...base };
  delete copy[key];
  return copy;
}

/** Field paths of a valid body, nested objects included ("triage", "triage.block", ...). */
function fieldPaths(body: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(body).flatMap(([k, v]) => [
    [...prefix, k],
    ...(isObject(v) ? fieldPaths(v, [...prefix, k]) : []),
  ]);
}

export function malformedBodies(valid: Record<string, unknown>, seed: number): TCase[] {
  const cases: TCase[] = [];
  for (const text of NOT_JSON) cases.push({ label: `not JSON ${JSON.stringify(text.slice(0, 20))}`, text });
  for (const root of WRONG_ROOTS)
    cases.push({ label: `root ${JSON.stringify(root)}`, text: JSON.stringify(root) });
  cases.push({ label: "root {}", text: "{}" });
  for (const key of Object.keys(valid))
    cases.push({ label: `without ${key}`, text: JSON.stringify(withoutKey(valid, key)) });
  for (const path of fieldPaths(valid))
    for (const value of WRONG_VALUES) {
      const shown = JSON.stringify(value).slice(0, 24);
      cases.push({
        label: `${path.join(".")} = ${shown}`,
        text: JSON.stringify(withValue(valid, path, value)),
      });
    }
  // Extra unknown fields, a prototype key in the text itself (JSON.parse makes it an own property).
  cases.push({
    label: "extra field",
    text: JSON.stringify({ ...valid, unexpected: { deep: [1, { x: "y" }] } }),
  });
  cases.push({
    label: "__proto__ in text",
    text: `{"__proto__":{"isAdmin":true},${JSON.stringify(valid).slice(1)}`,
  });
  // Seeded random bodies: the valid keys with arbitrary JSON, and arbitrary objects.
  const keys = Object.keys(valid);
  const random = fc.oneof(
    fc.record(Object.fromEntries(keys.map((k) => [k, fc.jsonValue({ maxDepth: 3 })])), { requiredKeys: [] }),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
    fc.jsonValue({ maxDepth: 4 }),
  );
  fc.sample(random, { seed, numRuns: 40 }).forEach((value, i) =>
    cases.push({ label: `random #${i} (seed ${seed})`, text: JSON.stringify(value) ?? "null" }),
  );
  return cases;
}
