"use client";

import { useState } from "react";
import { z } from "zod";
import { FEED_FORMATS, type TFeedFormat } from "@mlsec/core/feeds";
import { usePortalSubmit } from "@/components/use-portal-submit.ts";
import { ZFeedCreate, ZFeedIssued, type TFeedIssued } from "@/lib/api-schemas/feeds.ts";
import { formText } from "@/lib/form-text.ts";
import { portalFetch } from "@/lib/portal-fetch.ts";
import { FeedSecret } from "./feed-secret.tsx";
import { FormError } from "@/components/form-error.tsx";

/** Which consumer reads each format, so the choice is made by product rather than by file type. */
const FORMAT_TEXT: Record<TFeedFormat, string> = {
  crowdsec: "CrowdSec bouncers (LAPI stream)",
  edl: "PAN-OS, FortiGate, Check Point (EDL)",
  nftables: "nftables (nft -f)",
  ipset: "ipset / iptables (ipset restore)",
  pf: "OpenBSD / FreeBSD pf table",
  misp: "MISP feed",
  taxii: "TAXII 2.1 collection",
  zeek: "Zeek Intel framework",
  suricata: "Suricata IP reputation",
  csv: "CSV",
  json: "JSON lines",
  stix: "STIX 2.1 bundle",
};

const BUCKETS = ["block", "review", "allow"] as const;

/** An optional number field: empty means "not set", anything else must read as a number. */
function optionalNumber(form: FormData, name: string): number | undefined {
  const text = formText(form, name).trim();
  return text === "" ? undefined : Number(text);
}

/** The form's fields as the API's body, before the schema says whether they are acceptable. */
function feedBody(form: FormData): Record<string, unknown> {
  const family = formText(form, "family");
  return {
    name: formText(form, "name"),
    format: formText(form, "format"),
    minScore: optionalNumber(form, "minScore") ?? null,
    buckets: form.getAll("bucket").filter((b): b is string => typeof b === "string"),
    includeCommunity: form.get("includeCommunity") !== null,
    family: family === "" ? null : Number(family),
    aggregate: form.get("aggregate") !== null,
    maxEntries: optionalNumber(form, "maxEntries"),
    pageSize: optionalNumber(form, "pageSize") ?? null,
  };
}

/**
 * Creates a feed through POST /api/v1/feeds and shows its token once, with the consumer's
 * configuration. The body is checked with the API's own schema first, so a bad field is named
 * before a round trip; the API checks again.
 */
export function CreateFeedForm() {
  const [created, setCreated] = useState<TFeedIssued | null>(null);
  const { busy, error, onSubmit } = usePortalSubmit(async (form) => {
    setCreated(null);
    const parsed = ZFeedCreate.safeParse(feedBody(form));
    if (!parsed.success) {
      const { fieldErrors, formErrors } = z.flattenError(parsed.error);
      const details = [
        ...formErrors,
        ...Object.entries(fieldErrors).map(([field, errs]) => `${field}: ${(errs ?? []).join(", ")}`),
      ];
      throw new Error(`invalid feed (${details.join("; ")})`);
    }
    setCreated(ZFeedIssued.parse(await portalFetch("/api/v1/feeds", { method: "POST", body: parsed.data })));
  });

  return (
    <div className="panel">
      {/* method=post: were the script not loaded, the fields must not end up in a GET URL. */}
      <form className="inline-form" method="post" onSubmit={onSubmit} data-testid="create-feed-form">
        <label>
          Name
          <input name="name" type="text" required maxLength={100} placeholder="e.g. pa-edge-fw" />
        </label>
        <label>
          Format
          <select name="format" defaultValue="crowdsec">
            {FEED_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}: {FORMAT_TEXT[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Minimum score (optional)
          <input name="minScore" type="number" min={0} max={1} step="any" placeholder="block threshold" />
        </label>
        <label>
          Family
          <select name="family" defaultValue="">
            <option value="">IPv4 and IPv6</option>
            <option value="4">IPv4 only</option>
            <option value="6">IPv6 only</option>
          </select>
        </label>
        <label>
          Max entries (optional)
          <input name="maxEntries" type="number" min={1} step={1} placeholder="1000000" />
        </label>
        <label>
          EDL page size (optional)
          <input name="pageSize" type="number" min={1} step={1} placeholder="one page" />
        </label>
        <div className="checks" role="group" aria-label="Buckets">
          {BUCKETS.map((b) => (
            <label key={b}>
              <input type="checkbox" name="bucket" value={b} /> {b}
            </label>
          ))}
          <span className="muted">(none ticked: all)</span>
        </div>
        <div className="checks">
          <label>
            <input type="checkbox" name="includeCommunity" defaultChecked /> community-only addresses
          </label>
          <label>
            <input type="checkbox" name="aggregate" /> aggregate into CIDRs
          </label>
        </div>
        <button type="submit" disabled={busy}>
          Create feed
        </button>
      </form>
      <FormError error={error} />
      {created && <FeedSecret feed={created} heading={`Feed “${created.name}” created.`} />}
    </div>
  );
}
