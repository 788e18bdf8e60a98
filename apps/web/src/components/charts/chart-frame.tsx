import type { ReactNode } from "react";

/** A titled, fixed-height box for one chart, so the grid lines up and canvases have a size to fill. */
export function ChartFrame({
  title,
  note,
  testId,
  children,
}: {
  title: string;
  note?: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        <strong>{title}</strong>
        {note && <span className="muted"> · {note}</span>}
      </figcaption>
      <div className="chart-canvas">{children}</div>
    </figure>
  );
}
