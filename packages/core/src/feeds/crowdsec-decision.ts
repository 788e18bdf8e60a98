import type { TFeedDecision } from "./feed-decision.ts";
import { remainingSeconds } from "./feed-source.ts";

/**
 * One decision as CrowdSec's Local API serialises it (models.Decision) in
 * `GET /v1/decisions/stream` and `GET /v1/decisions`. docs/crowdsec-lapi.md has what Debian's
 * crowdsec-firewall-bouncer 0.0.25 does with each field; every one is always present because that
 * bouncer dereferences `type`, `scope` and `duration` without checking and crashes (SIGSEGV, exit 2,
 * its nft table left behind) on a decision that lacks one.
 */
export type TCrowdsecDecision = {
  id: number;
  origin: string;
  type: "ban";
  scope: "Ip" | "Range";
  value: string;
  /** Go duration ("71h59m58s"): the bouncer turns it into the nft/ipset element timeout. */
  duration: string;
  scenario: string;
  /** ISO instant; LAPI 1.5+ sends it, older bouncers ignore it. */
  until: string;
  simulated: false;
};

/** What a `deleted` entry needs: the bouncer removes by value and ignores the rest. */
export type TCrowdsecDeletion = {
  value: string;
  scope: "Ip" | "Range";
  /** The listing's behaviour rule (TFeedDecision.cluster) ... */
  cluster?: string;
  /** ... or the scenario already rendered when it was sent (FeedSentEntry.scenario). */
  scenario?: string;
  validUntil?: string;
};

export const CROWDSEC_ORIGIN = "mlsec";

export function crowdsecScenario(cluster: string): string {
  return `${CROWDSEC_ORIGIN}/${cluster}`;
}

/**
 * Go's time.Duration.String() of a whole number of milliseconds: "0s", "500ms", "1.5s",
 * "3h59m58s", "72h0m0s", with a leading "-" when negative. Go parses exactly this, and hours are
 * never folded into days (Go has no "d" unit).
 */
export function goDuration(ms: number): string {
  const total = Math.round(ms);
  if (total === 0) return "0s";
  const sign = total < 0 ? "-" : "";
  const abs = Math.abs(total);
  if (abs < 1000) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const millis = abs % 60_000;
  const whole = Math.floor(millis / 1000);
  const frac = millis % 1000;
  const seconds = frac === 0 ? `${whole}` : `${whole}.${String(frac).padStart(3, "0").replace(/0+$/, "")}`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/**
 * The LAPI decision for one feed decision, or null once it has expired at `now`. Expired ones are
 * never rendered with "0s" or a negative duration: the bouncer adds such an element with no
 * timeout, i.e. it would block the address forever (observed with 0.0.25). The duration is whole
 * seconds, rounded down, so the firewall never holds an address past its validUntil.
 */
export function toCrowdsecDecision(d: TFeedDecision, now: Date, id: number): TCrowdsecDecision | null {
  const seconds = remainingSeconds(d, now);
  if (seconds === null) return null;
  return {
    id,
    origin: CROWDSEC_ORIGIN,
    type: "ban",
    scope: d.scope,
    value: d.value,
    duration: goDuration(seconds * 1000),
    scenario: crowdsecScenario(d.cluster),
    until: new Date(now.getTime() + seconds * 1000).toISOString(),
    simulated: false,
  };
}

/**
 * A `deleted` entry. LAPI sends the expired decision with its (then negative) remaining duration;
 * the bouncer only reads value and type here, but still dereferences scope and duration, so both
 * are filled in ("0s" when nothing bounds it; a deletion never adds, so 0 cannot mean forever here).
 */
export function toCrowdsecDeletion(d: TCrowdsecDeletion, now: Date, id: number): TCrowdsecDecision {
  const until = d.validUntil === undefined ? Number.NaN : Date.parse(d.validUntil);
  const ms = Number.isFinite(until) ? Math.floor((until - now.getTime()) / 1000) * 1000 : 0;
  return {
    id,
    origin: CROWDSEC_ORIGIN,
    type: "ban",
    scope: d.scope,
    value: d.value,
    duration: goDuration(ms),
    scenario: d.scenario ?? crowdsecScenario(d.cluster ?? "unknown"),
    until: new Date(now.getTime() + ms).toISOString(),
    simulated: false,
  };
}
