/** Reads a dotted path from parsed JSON, nested ({"source":{"ip":..}}) or flat ({"source.ip":..}). */
export function jsonField(obj: unknown, path: string): unknown {
  if (obj === null || typeof obj !== "object") return undefined;
  const rec = obj as Record<string, unknown>;
  if (path in rec) return rec[path];
  const dot = path.indexOf(".");
  if (dot < 0) return undefined;
  return jsonField(rec[path.slice(0, dot)], path.slice(dot + 1));
}

export function jsonString(obj: unknown, path: string): string | undefined {
  const v = jsonField(obj, path);
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** JSON.parse that reports failure instead of throwing; only objects count. */
export function parseJsonObject(line: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
