import type { TIpEventDay } from "@mlsec/pipeline/ips";
import { DataTable } from "@/components/data-table.tsx";
import { FormError } from "@/components/form-error.tsx";
import { eventVerdictAction } from "./event-verdict-action.ts";
import { eventsAnchor } from "@/lib/events-anchor.ts";

/** Consecutive days of one upload (the list comes newest upload first), kept in order. */
function byUpload(days: readonly TIpEventDay[]): TIpEventDay[][] {
  const groups: TIpEventDay[][] = [];
  for (const d of days) {
    const last = groups.at(-1);
    if (last?.[0]?.uploadId === d.uploadId) last.push(d);
    else groups.push([d]);
  }
  return groups;
}

/**
 * The events behind the address, per upload and day: the first few the ingest kept, and how many
 * more it only counted, so an analyst sees what "flagged" stands for (#17). Roles with the feedback
 * scope get "benign" and "malicious" on each event: a plain form post (no JavaScript needed) that
 * records a verdict on that event, which relabels its address-day in the next training. Each upload
 * and each of its days is an anchor (`events-<upload>`, `events-<upload>-<day>`) the report links to.
 */
export function SampledEvents({
  ip,
  days,
  canGive,
  notice,
}: {
  ip: string;
  days: TIpEventDay[];
  canGive: boolean;
  notice: { ok: boolean; text: string } | null;
}) {
  if (days.length === 0)
    return (
      <div className="panel empty" data-testid="sampled-events">
        No sampled events: none of your 50 newest uploads has this address.
      </div>
    );
  return (
    <div data-testid="sampled-events">
      {notice?.ok && (
        <p className="ok-text" role="status" data-testid="event-verdict-notice">
          {notice.text}
        </p>
      )}
      <FormError error={notice && !notice.ok ? notice.text : null} />
      {byUpload(days).map((group) => (
        <section key={group[0]?.uploadId} id={eventsAnchor(group[0]?.uploadId ?? "")}>
          {group.map((d) => (
            <div
              className="panel"
              key={`${d.uploadId} ${d.day}`}
              id={eventsAnchor(d.uploadId, d.day)}
              data-testid="sampled-day"
              data-day={d.day}
            >
              <h3>
                {d.day} <span className="muted">in {d.filename}</span>
              </h3>
              <DataTable
                columns={[
                  "line",
                  "time",
                  "destination",
                  "port",
                  "protocol",
                  "action",
                  ...(canGive ? ["verdict on this event"] : []),
                ]}
              >
                {d.events.map((e) => (
                  <tr key={e.line} data-testid="sampled-event" data-line={e.line}>
                    <td className="mono">{e.line}</td>
                    <td className="mono">{e.time.slice(11, 19)}</td>
                    <td className="mono">{e.dst ?? "—"}</td>
                    <td>{e.dstPort ?? "—"}</td>
                    <td>{e.proto ?? "—"}</td>
                    <td>{e.action}</td>
                    {canGive && (
                      <td>
                        <form action={eventVerdictAction} className="row">
                          <input type="hidden" name="ip" value={ip} />
                          <input type="hidden" name="uploadId" value={d.uploadId} />
                          <input type="hidden" name="line" value={e.line} />
                          <input type="hidden" name="day" value={d.day} />
                          <button
                            type="submit"
                            name="verdict"
                            value="benign"
                            className="small ok"
                            aria-label={`Line ${e.line}: benign`}
                          >
                            benign
                          </button>
                          <button
                            type="submit"
                            name="verdict"
                            value="malicious"
                            className="small danger"
                            aria-label={`Line ${e.line}: malicious`}
                          >
                            malicious
                          </button>
                        </form>
                      </td>
                    )}
                  </tr>
                ))}
              </DataTable>
              {d.more > 0 && (
                <p className="muted" data-testid="sampled-more">
                  and {d.more} more
                </p>
              )}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
