import { loadAsnTable } from "../../src/asn/load-asn-table.ts";
import type { TAsnTable } from "../../src/asn/asn-table.ts";
import { loadReferenceLists, type TReferenceLists } from "../../src/eval/reference-lists.ts";
import { scaleProfile, type TWorldProfile } from "../../src/eval/world-profile.ts";

/** The real AS table and reference lists, loaded once per test file. */
let shared: Promise<{ asn: TAsnTable; lists: TReferenceLists }> | null = null;
export function realInternet(): Promise<{ asn: TAsnTable; lists: TReferenceLists }> {
  shared ??= loadAsnTable().then((asn) => ({ asn, lists: loadReferenceLists() }));
  return shared;
}

/** A short, small version of a profile: same shape, seconds to generate and train on. */
export function smallWorld(profile: TWorldProfile, days = 14, factor = 0.4): TWorldProfile {
  return { ...scaleProfile(profile, factor), days };
}
