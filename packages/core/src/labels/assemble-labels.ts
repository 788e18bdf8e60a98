export type TVerdict = {
  ip: string;
  verdict: "malicious" | "benign";
  /** The UTC label day ("YYYY-MM-DD") the verdict is about; absent: every day of the address. */
  day?: string;
  /** The behaviour rule the analyst judged on that day: recorded with the verdict, not a label key. */
  cluster?: string;
  /** When it was given (ISO 8601): between an address's and an address-day's verdict, the later wins. */
  at?: string;
};
export type TCandidate = { ip: string; source: string };
export type TLabel = { ip: string; y: 0 | 1; source: string };
/** What to do with research scanners: keep them out (default), or put them in a class on purpose. */
export type TNoisePolicy = "exclude" | "malicious" | "benign";

/**
 * Final labels from automatic candidates and analyst verdicts, in this order of authority:
 * 1. an analyst verdict decides, whatever else is known (source "analyst");
 * 2. research scanners (noise) are dropped, unless the policy assigns them a class;
 * 3. automatic malicious beats automatic benign: an address in a feed or a bad-behaviour cluster
 *    that also sits in a cloud provider's range is a rented or compromised host, not a benign one.
 * Each address appears once; the first candidate of the winning class names the source.
 */
export function assembleLabels(input: {
  malicious: Iterable<TCandidate>;
  benign: Iterable<TCandidate>;
  verdicts?: Iterable<TVerdict>;
  isNoise?: (ip: string) => boolean;
  noise?: TNoisePolicy;
}): { labels: TLabel[]; dropped: { noise: number; conflicts: number } } {
  const verdicts = new Map<string, 0 | 1>();
  for (const v of input.verdicts ?? []) verdicts.set(v.ip, v.verdict === "malicious" ? 1 : 0);
  const policy = input.noise ?? "exclude";
  const out = new Map<string, TLabel>();
  const dropped = { noise: 0, conflicts: 0 };
  const noiseSeen = new Set<string>();

  const offer = (c: TCandidate, y: 0 | 1): void => {
    const verdict = verdicts.get(c.ip);
    if (verdict !== undefined) {
      if (!out.has(c.ip)) out.set(c.ip, { ip: c.ip, y: verdict, source: "analyst" });
      return;
    }
    if (input.isNoise?.(c.ip)) {
      if (policy === "exclude") {
        if (!noiseSeen.has(c.ip)) dropped.noise++;
        noiseSeen.add(c.ip);
        return;
      }
      if (!out.has(c.ip))
        out.set(c.ip, { ip: c.ip, y: policy === "malicious" ? 1 : 0, source: "research-scanner" });
      return;
    }
    const prev = out.get(c.ip);
    if (!prev) out.set(c.ip, { ip: c.ip, y, source: c.source });
    else if (prev.y !== y && prev.source !== "research-scanner") dropped.conflicts++;
  };

  // Malicious first, so an address also offered as benign keeps its malicious label.
  for (const c of input.malicious) offer(c, 1);
  for (const c of input.benign) offer(c, 0);
  // Analyst verdicts on addresses no automatic source offered still become labels.
  for (const [ip, y] of verdicts) if (!out.has(ip)) out.set(ip, { ip, y, source: "analyst" });
  return { labels: [...out.values()], dropped };
}
