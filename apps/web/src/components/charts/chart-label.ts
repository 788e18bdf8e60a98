/**
 * Text alternatives for the chart canvases (react-chartjs-2 gives each canvas role="img", which
 * needs a name: WCAG 1.1.1). Built from the chart's own data so no caller can forget one.
 */
export function seriesChartLabel(
  kind: string,
  labels: readonly string[],
  series: readonly { label: string }[],
): string {
  const range =
    labels.length === 0
      ? ""
      : labels.length === 1
        ? ` for ${labels[0]}`
        : ` from ${labels[0]} to ${labels[labels.length - 1]}`;
  return `${kind} of ${series.map((s) => s.label).join(", ") || "values"}${range}`;
}

export function sharesChartLabel(labels: readonly string[], data: readonly number[]): string {
  return `Shares: ${labels.map((l, i) => `${l} ${data[i] ?? 0}`).join(", ")}`;
}
