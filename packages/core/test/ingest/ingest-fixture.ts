import { fileURLToPath } from "node:url";
import type { TEvent } from "../../src/events/index.ts";
import { ingestFiles, type TIngestOptions, type TIngestResult } from "../../src/ingest/index.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/ingest/", import.meta.url));
/** Fixtures are stamped Jan 12 2025 or around the 2025 -> 2026 new year. */
export const REFERENCE = new Date("2026-01-02T00:00:00Z");

/** Ingests one fixture and collects its events. */
export async function ingestFixture(
  name: string,
  opts: TIngestOptions = {},
): Promise<{ result: TIngestResult; events: TEvent[] }> {
  const events: TEvent[] = [];
  const result = await ingestFiles([FIXTURES + name], {
    referenceDate: REFERENCE,
    onEvent: (e) => events.push(e),
    ...opts,
  });
  return { result, events };
}

/** Every line lands in exactly one bucket. */
export function accounted(r: TIngestResult): boolean {
  return r.lines === r.events + r.rejected + r.ignored;
}
