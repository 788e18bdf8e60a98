import { formatCount } from "@/lib/format.ts";

type TSample = { reason: string; line: number; text: string };

/** Why lines were not read as events, with a few examples, so a user can fix the export. */
export function RejectedLines({
  byReason,
  samples,
}: {
  byReason: Record<string, number>;
  samples: readonly TSample[];
}) {
  const reasons = Object.entries(byReason).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <h2>Rejected lines</h2>
      {reasons.length === 0 ? (
        <p className="muted">Every line was read.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="rejected-table">
            <thead>
              <tr>
                <th>Reason</th>
                <th className="num">Lines</th>
              </tr>
            </thead>
            <tbody>
              {reasons.map(([reason, n]) => (
                <tr key={reason}>
                  <td>{reason}</td>
                  <td className="num">{formatCount(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {samples.length > 0 && (
        <>
          <h2>Examples</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th className="num">Line</th>
                  <th>Reason</th>
                  <th>Text</th>
                </tr>
              </thead>
              <tbody>
                {samples.slice(0, 20).map((s) => (
                  <tr key={`${s.line}-${s.reason}`}>
                    <td className="num">{s.line}</td>
                    <td>{s.reason}</td>
                    <td className="mono">{s.text.slice(0, 200)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
