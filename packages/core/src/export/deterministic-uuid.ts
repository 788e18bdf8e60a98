import { createHash } from "node:crypto";

/** mlsec's namespace for name-based ids (itself a fixed random v4 UUID). */
export const MLSEC_UUID_NAMESPACE = "6f1d3c52-8a47-4f0e-9b2d-5c7e1a9f3b60";

/**
 * RFC 4122 version 5 UUID (SHA-1 of namespace + name): the same name always gives the same id, so
 * re-exporting an indicator updates it in a TIP instead of duplicating it.
 */
export function uuidV5(name: string, namespace = MLSEC_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll("-", ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
