"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TActiveDay } from "@mlsec/core/rank";
import { ZFeedback } from "@/lib/feedback-schema.ts";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

type TVerdictKind = "malicious" | "benign";
/** Beyond this many days the table would bury the page; the decay makes older days matter little. */
const MAX_DAYS = 60;
const ANY_RULE = "";

/**
 * The address's own days, newest first, each with its events and the behaviour rules it matched,
 * and (for roles with the feedback scope) a verdict on that day alone: it relabels only that
 * address-day in the next training. Sends the route's own request schema to POST /api/v1/feedback.
 */
export function DayVerdicts({
  ip,
  days,
  canGive,
}: {
  ip: string;
  days: readonly TActiveDay[];
  canGive: boolean;
}) {
  const router = useRouter();
  const [rule, setRule] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  if (days.length === 0) {
    return (
      <div className="panel empty" data-testid="day-verdicts">
        None of your uploads has events from this address, so there is no day to judge.
      </div>
    );
  }

  const give = async (day: TActiveDay, verdict: TVerdictKind) => {
    const cluster = rule[day.day] ?? day.clusters[0] ?? ANY_RULE;
    const parsed = ZFeedback.safeParse({ ip, verdict, day: day.day, ...(cluster ? { cluster } : {}) });
    if (!parsed.success) {
      setMessage({
        ok: false,
        text: `Not recorded: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
      });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await portalFetch("/api/v1/feedback", { method: "POST", body: parsed.data });
      setMessage({ ok: true, text: `Recorded ${verdict} on ${ip} for ${day.day}.` });
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: `Not recorded: ${failureText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  const shown = days.slice(0, MAX_DAYS);
  return (
    <div data-testid="day-verdicts">
      <div className="table-wrap">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col" className="num">
                Events
              </th>
              <th scope="col">Rules matched</th>
              {canGive && <th scope="col">Verdict on this day only</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.day} data-day={d.day}>
                <th scope="row" id={`day-${d.day}`} className="mono">
                  {d.day}
                </th>
                <td className="num">{d.events.toLocaleString("en")}</td>
                <td>{d.clusters.length > 0 ? d.clusters.join(", ") : "none"}</td>
                {canGive && (
                  <td>
                    <div className="verdict-form">
                      {d.clusters.length > 1 && (
                        <select
                          aria-label={`Rule judged on ${d.day}`}
                          value={rule[d.day] ?? d.clusters[0]}
                          onChange={(e) => setRule({ ...rule, [d.day]: e.target.value })}
                        >
                          {d.clusters.map((c) => (
                            <option key={c} value={c}>
                              {c}
                            </option>
                          ))}
                        </select>
                      )}
                      <button
                        type="button"
                        className="ok"
                        disabled={busy}
                        aria-describedby={`day-${d.day}`}
                        onClick={() => void give(d, "benign")}
                      >
                        This day: benign
                      </button>
                      <button
                        type="button"
                        className="danger"
                        disabled={busy}
                        aria-describedby={`day-${d.day}`}
                        onClick={() => void give(d, "malicious")}
                      >
                        This day: malicious
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {days.length > shown.length && (
        <p className="muted">
          The {MAX_DAYS} latest of {days.length} days are listed; older days can be judged through the API.
        </p>
      )}
      <span className={message?.ok === false ? "error" : "ok-text"} role="status">
        {message?.text ?? ""}
      </span>
    </div>
  );
}
