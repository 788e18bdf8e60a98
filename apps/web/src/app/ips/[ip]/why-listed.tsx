import Link from "next/link";
import type { TIpProvenance } from "@mlsec/pipeline/ips";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatCount, formatDateTime, formatScore } from "@/lib/format.ts";

/**
 * "Why listed": what GET /api/v1/ips/:ip/why answers, for the analyst deciding whether the
 * address belongs on the blocklist (and so on every feed). Null provenance: never seen.
 */
export function WhyListed({ why }: { why: TIpProvenance | null }) {
  if (!why) {
    return (
      <div className="panel empty" data-testid="why-listed">
        Your uploads never saw this address, so nothing lists it.
      </div>
    );
  }
  const { listing, blocklist } = why;
  return (
    <div className="panel" data-testid="why-listed">
      <p data-testid="why-listed-status">
        {blocklist.listed
          ? "On your blocklist now: every feed serves it on its next pull."
          : `Not on your blocklist: ${blocklist.notListed.map((r) => r.text).join("; ")}.`}
      </p>
      <dl className="facts">
        <dt>First seen</dt>
        <dd>{formatDateTime(why.seen.firstSeen)}</dd>
        <dt>Last seen</dt>
        <dd>
          {formatDateTime(why.seen.lastSeen)} ({formatCount(why.seen.events)} events over{" "}
          {why.seen.daysActive} days)
        </dd>
        <dt>Clusters</dt>
        <dd>
          {why.clusters.length
            ? why.clusters
                .map((c) => `${c.cluster} (${c.days.length} days, last ${c.days[0] ?? "—"})`)
                .join(", ")
            : "none: no behaviour rule fired on its own days"}
        </dd>
        <dt>Listed by</dt>
        <dd>
          {listing ? (
            <>
              <Link href={`/uploads/${listing.uploadId}/report`}>report</Link> as of {listing.asOf},{" "}
              {listing.model ? `model v${listing.model.version}` : "the baseline"}: score{" "}
              {formatScore(listing.score)} <StatusBadge value={listing.bucket} />
              {listing.driver
                ? ` (driven by ${listing.driver === "own" ? "your sightings" : listing.driver})`
                : ""}
              , valid until {listing.validUntil.slice(0, 10)}
            </>
          ) : (
            "no report of a finished upload scored it"
          )}
        </dd>
        <dt>Neighbourhood</dt>
        <dd>
          {why.neighbourhood.network ?? "—"}, {formatCount(why.neighbourhood.sourcesSeen)} other sources seen
        </dd>
      </dl>
      {listing && (
        <details>
          <summary>Contributions</summary>
          <table className="compact">
            <tbody>
              {(["own", "neighbourhood", "community"] as const).flatMap((group) =>
                Object.entries(listing.contributions[group])
                  .filter(([, value]) => value !== 0)
                  .map(([name, value]) => (
                    <tr key={name}>
                      <td>{group}</td>
                      <td className="mono">{name}</td>
                      <td className="num">{value.toPrecision(4)}</td>
                    </tr>
                  )),
              )}
            </tbody>
          </table>
        </details>
      )}
      {why.listEntries.length > 0 && (
        <ul data-testid="why-listed-entries">
          {why.listEntries.map((e) => (
            <li key={e.id}>
              <StatusBadge value={e.kind} /> <span className="mono">{e.value}</span>
              {e.reason ? ` ${e.reason}` : ""}
              {e.expiresAt ? `, ${e.active ? "until" : "expired"} ${formatDateTime(e.expiresAt)}` : ""}
              {e.decides ? " (decides)" : ""}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
