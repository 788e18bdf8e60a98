import type { ReactNode } from "react";

/** A column heading: its text, or its text and whether it holds numbers (right-aligned). */
export type TColumn = string | { label: ReactNode; num: true };

/**
 * The portal's table: scrolls sideways inside its panel on a narrow screen (`table-wrap`), one
 * heading row, and a row saying why it is empty when `empty` is given (pass it only then).
 */
export function DataTable({
  testId,
  compact = false,
  columns,
  empty,
  children,
}: {
  testId?: string;
  compact?: boolean;
  columns: readonly TColumn[];
  empty?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId} className={compact ? "compact" : undefined}>
        <thead>
          <tr>
            {columns.map((c, i) =>
              typeof c === "string" ? (
                <th key={i}>{c}</th>
              ) : (
                <th key={i} className="num">
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {empty ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : null}
          {children}
        </tbody>
      </table>
    </div>
  );
}
