import { createHash } from "node:crypto";
import {
  EDL_CONTENT_TYPE,
  renderEdl,
  type TFeedDecision,
  renderIpsetRestore,
  renderNftablesScript,
  renderPfTable,
  renderStixBundle,
  renderSuricataCategories,
  renderSuricataIprep,
  renderFeedCsv,
  renderFeedJsonLines,
  renderZeekIntel,
} from "@mlsec/core/feeds";
import { getTenant, type TFeed } from "@mlsec/db";
import { feedFingerprint } from "./feed-decisions.ts";
import { feedSettingsKey, openFeed } from "./feed-selection.ts";

/** The list formats one GET returns whole; CrowdSec, MISP and TAXII have their own protocols. */
export const LIST_FORMATS = [
  "edl",
  "nftables",
  "ipset",
  "pf",
  "zeek",
  "suricata",
  "suricata-categories",
  "csv",
  "json",
  "stix",
] as const;
export type TListFormat = (typeof LIST_FORMATS)[number];
export const isListFormat = (f: string): f is TListFormat => (LIST_FORMATS as readonly string[]).includes(f);

const CONTENT: Record<TListFormat, { type: string; file: string }> = {
  edl: { type: EDL_CONTENT_TYPE, file: "mlsec-edl.txt" },
  nftables: { type: "text/plain; charset=utf-8", file: "mlsec.nft" },
  ipset: { type: "text/plain; charset=utf-8", file: "mlsec.ipset" },
  pf: { type: "text/plain; charset=utf-8", file: "mlsec.pf" },
  zeek: { type: "text/plain; charset=utf-8", file: "mlsec.intel" },
  suricata: { type: "text/plain; charset=utf-8", file: "mlsec-iprep.list" },
  "suricata-categories": { type: "text/plain; charset=utf-8", file: "mlsec-categories.txt" },
  csv: { type: "text/csv; charset=utf-8", file: "mlsec-feed.csv" },
  json: { type: "application/x-ndjson", file: "mlsec-feed.jsonl" },
  stix: { type: "application/stix+json;version=2.1", file: "mlsec-feed.stix.json" },
};

/** A fixed text as a one-chunk stream. */
async function* oneChunk(text: string): AsyncGenerator<string> {
  yield await Promise.resolve(text);
}

/** One pull's answer before HTTP: an ETag to compare, then (only if needed) the body. */
export type TFeedBody = {
  etag: string;
  contentType: string;
  filename: string;
  /** Opens the body; `done` gets the entries served once it has been produced. */
  open: (done: (served: number) => Promise<void>) => AsyncGenerator<string>;
};

/**
 * A feed in one list format at `now`. The ETag is computed from the selection's fingerprint (rows,
 * newest write, lists in force, settings, page) without reading the rows, so a firewall that polls
 * every few minutes with If-None-Match costs one aggregate query until something changes.
 */
export async function feedBody(opts: {
  feed: TFeed;
  format: TListFormat;
  page: number | null;
  now: Date;
}): Promise<TFeedBody> {
  const { feed, format, now } = opts;
  const { selection, decisions } = await openFeed(feed, now);
  const pageSize = feed.pageSize;
  const page = pageSize !== null && format === "edl" ? Math.max(1, opts.page ?? 1) : null;
  // The remaining-validity timeouts in set files change with time itself: they get an hourly ETag.
  const clock = format === "nftables" || format === "ipset" ? now.toISOString().slice(0, 13) : "";
  const fingerprint = await feedFingerprint(
    selection,
    `${feedSettingsKey(feed)}|${format}|${page ?? ""}|${clock}`,
  );
  const etag = `"${createHash("sha256").update(fingerprint).digest("base64url").slice(0, 27)}"`;
  const tenant = format === "stix" ? await getTenant(feed.tenantId) : null;

  const render = (source: AsyncIterable<TFeedDecision>): AsyncGenerator<string> => {
    switch (format) {
      case "edl":
        return renderEdl(source, {
          now,
          ...(page !== null && pageSize !== null ? { page: { page, pageSize } } : {}),
        });
      case "nftables":
        return renderNftablesScript(source, { now });
      case "ipset":
        return renderIpsetRestore(source, { now });
      case "pf":
        return renderPfTable(source, { now });
      case "zeek":
        return renderZeekIntel(source, { now, source: `mlsec:${feed.name}` });
      case "suricata":
        return renderSuricataIprep(source, { now });
      case "suricata-categories":
        return oneChunk(renderSuricataCategories());
      case "csv":
        return renderFeedCsv(source, { now });
      case "json":
        return renderFeedJsonLines(source, { now });
      case "stix":
        return renderStixBundle(source, {
          tenantId: feed.tenantId,
          now,
          identityCreated: (tenant?.createdAt ?? now).toISOString(),
        });
    }
  };
  return {
    etag,
    contentType: CONTENT[format].type,
    filename: CONTENT[format].file,
    open: (done) =>
      (async function* () {
        let served = 0;
        async function* counted(): AsyncGenerator<TFeedDecision> {
          for await (const d of decisions()) {
            served++;
            yield d;
          }
        }
        yield* render(counted());
        // A page reads the entries before it too; it served only its own.
        const own =
          page !== null && pageSize !== null
            ? Math.min(pageSize, Math.max(0, served - (page - 1) * pageSize))
            : served;
        await done(own);
      })(),
  };
}
