import type { TIpEventDay } from "@mlsec/pipeline/ips";
import { DataTable } from "@/components/data-table.tsx";

/**
 * The events behind the address, per upload and day: the first few the ingest kept, and how many
 * more it only counted, so an analyst sees what "flagged" stands for (#17).
 */
export function SampledEvents({ days }: { days: TIpEventDay[] }) {
  if (days.length === 0)
    return (
      <div className="panel empty" data-testid="sampled-events">
        No sampled events: none of your 50 newest uploads has this address.
      </div>
    );
  return (
    <div data-testid="sampled-events">
      {days.map((d) => (
        <div className="panel" key={`${d.uploadId} ${d.day}`} data-testid="sampled-day">
          <h3>
            {d.day} <span className="muted">in {d.filename}</span>
          </h3>
          <DataTable columns={["line", "time", "destination", "port", "protocol", "action"]}>
            {d.events.map((e) => (
              <tr key={e.line} data-testid="sampled-event">
                <td className="mono">{e.line}</td>
                <td className="mono">{e.time.slice(11, 19)}</td>
                <td className="mono">{e.dst ?? "—"}</td>
                <td>{e.dstPort ?? "—"}</td>
                <td>{e.proto ?? "—"}</td>
                <td>{e.action}</td>
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
    </div>
  );
}
