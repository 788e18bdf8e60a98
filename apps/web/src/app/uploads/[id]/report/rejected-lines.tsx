import { formatCount } from "@/lib/format.ts";
import { DataTable } from "@/components/data-table.tsx";

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
        <DataTable testId="rejected-table" columns={["Reason", { label: "Lines", num: true }]}>
          {reasons.map(([reason, n]) => (
            <tr key={reason}>
              <td>{reason}</td>
              <td className="num">{formatCount(n)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {samples.length > 0 && (
        <>
          <h2>Examples</h2>
          <DataTable columns={[{ label: "Line", num: true }, "Reason", "Text"]}>
            {samples.slice(0, 20).map((s) => (
              <tr key={`${s.line}-${s.reason}`}>
                <td className="num">{s.line}</td>
                <td>{s.reason}</td>
                <td className="mono">{s.text.slice(0, 200)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </>
  );
}
