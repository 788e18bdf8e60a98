/** An accessible progress bar; `percent` is clamped to 0..100. */
export function ProgressBar({ percent, label, testId }: { percent: number; label: string; testId?: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div>
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        data-testid={testId}
      >
        <div style={{ width: `${value}%` }} />
      </div>
      <div className="progress-label">
        {label}: {value}%
      </div>
    </div>
  );
}
