const FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "json", label: "JSON" },
  { format: "txt", label: "ipset / nftables list" },
  { format: "stix", label: "STIX 2.1 bundle" },
] as const;

/** Downloads served by the report export API; the session cookie authenticates them. */
export function ExportLinks({ uploadId }: { uploadId: string }) {
  return (
    <div className="exports" data-testid="export-links">
      <span className="muted">Download:</span>
      {FORMATS.map(({ format, label }) => (
        <a
          key={format}
          className="button secondary"
          href={`/api/v1/uploads/${uploadId}/report/export?format=${format}`}
          data-format={format}
          download
        >
          {label}
        </a>
      ))}
    </div>
  );
}
