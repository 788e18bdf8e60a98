const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const integer = new Intl.NumberFormat("en-US");

/** Dates in UTC: logs and firewalls speak UTC, and server and browser then render the same text. */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? `${dateTime.format(new Date(iso))} UTC` : "—";
export const formatCount = (n: number): string => integer.format(n);
export const formatScore = (score: number | null): string => (score === null ? "—" : score.toFixed(3));
