"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { StatusBadge } from "@/components/status-badge.tsx";
import { VerdictForm, type TVerdictKind } from "@/components/verdict-form.tsx";
import { eventsAnchor } from "@/lib/events-anchor.ts";
import { formatCount, formatScore } from "@/lib/format.ts";
import type { TIpSort } from "@/lib/api-schemas/reports.ts";
import type { TIpPage } from "@/lib/ip-query.ts";
import type { TIpRow } from "@/lib/report-view.ts";

type TState = {
  page: number;
  sort: TIpSort;
  order: "asc" | "desc";
  bucket: string;
  verdict: string;
  q: string;
};
const PAGE_SIZE = 50;

const asText = (row: TIpRow): string =>
  row.asn != null ? `AS${row.asn}${row.asOrg ? ` ${row.asOrg}` : ""}` : "—";

const searchOf = (s: TState): string => {
  const p = new URLSearchParams({
    page: String(s.page),
    size: String(PAGE_SIZE),
    sort: s.sort,
    order: s.order,
  });
  if (s.bucket) p.set("bucket", s.bucket);
  if (s.verdict) p.set("verdict", s.verdict);
  if (s.q.trim()) p.set("q", s.q.trim());
  return p.toString();
};

/**
 * The report's scored IPs, one page at a time from the paging API: sorting, filters and search run
 * on the server, so a 100k-row report costs the browser one page. The first page comes rendered.
 * With `reportId` (roles that may give verdicts) rows can be selected, across pages, and given one
 * verdict together.
 */
export function IpTable({
  uploadId,
  initial,
  reportId = null,
}: {
  uploadId: string;
  initial: TIpPage;
  reportId?: string | null;
}) {
  const [state, setState] = useState<TState>({
    page: 1,
    sort: "score",
    order: "desc",
    bucket: "",
    verdict: "",
    q: "",
  });
  const [data, setData] = useState(initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef(true);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Verdicts given from this page, shown beside the model's until the next report applies them.
  const [given, setGiven] = useState<ReadonlyMap<string, TVerdictKind>>(new Map());
  const selecting = reportId !== null;
  const toggle = (ip: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(ip)) next.add(ip);
      return next;
    });
  const pageIps = data.rows.map((r) => r.ip);
  const allOnPage = pageIps.length > 0 && pageIps.every((ip) => selected.has(ip));
  const togglePage = () =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const ip of pageIps) {
        if (allOnPage) next.delete(ip);
        else next.add(ip);
      }
      return next;
    });
  const recorded = (ips: readonly string[], verdict: TVerdictKind) => {
    setGiven((prev) => new Map([...prev, ...ips.map((ip) => [ip, verdict] as const)]));
    setSelected(new Set());
  };

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const controller = new AbortController();
    // Typing in the search box waits for a pause instead of fetching per keystroke.
    const timer = setTimeout(() => {
      setLoading(true);
      fetch(`/api/v1/uploads/${uploadId}/report/ips?${searchOf(state)}`, { signal: controller.signal })
        .then(async (res) => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          setData((await res.json()) as TIpPage);
          setError(null);
        })
        .catch((err: unknown) => {
          if (!controller.signal.aborted) setError(err instanceof Error ? err.message : String(err));
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [state, uploadId]);

  const set = (patch: Partial<TState>) => setState((s) => ({ ...s, page: 1, ...patch }));
  const sortBy = (sort: TIpSort) =>
    set({
      sort,
      order:
        state.sort === sort && state.order === "desc"
          ? "asc"
          : sort === "ip" && state.sort !== "ip"
            ? "asc"
            : "desc",
    });
  const arrow = (sort: TIpSort) => (state.sort === sort ? (state.order === "desc" ? " ▼" : " ▲") : "");

  return (
    <>
      <div className="table-tools">
        <label>
          Search IP, AS, organisation
          <input
            type="text"
            data-testid="ip-search"
            value={state.q}
            onChange={(e) => set({ q: e.target.value })}
          />
        </label>
        <label>
          Bucket
          <select
            data-testid="ip-bucket"
            value={state.bucket}
            onChange={(e) => set({ bucket: e.target.value })}
          >
            <option value="">all</option>
            <option value="block">block</option>
            <option value="review">review</option>
            <option value="allow">allow</option>
          </select>
        </label>
        <label>
          Verdict
          <select value={state.verdict} onChange={(e) => set({ verdict: e.target.value })}>
            <option value="">all</option>
            <option value="malicious">malicious</option>
            <option value="benign">benign</option>
          </select>
        </label>
        <span className="muted" data-testid="ip-total">
          {formatCount(data.total)} {data.total === 1 ? "address" : "addresses"}
          {loading ? " · loading…" : ""}
        </span>
      </div>
      {error && <p className="error">Could not load the page: {error}</p>}
      {selecting && (
        <div className="bulk-bar" data-testid="verdict-bar">
          <span data-testid="selected-count">
            {formatCount(selected.size)} selected
            {selected.size > 0 && (
              <>
                {" "}
                <button type="button" className="link" onClick={() => setSelected(new Set())}>
                  clear
                </button>
              </>
            )}
          </span>
          <VerdictForm ips={[...selected]} reportId={reportId} onRecorded={recorded} />
        </div>
      )}
      <div className="table-wrap">
        <table data-testid="ip-table" aria-busy={loading}>
          <thead>
            <tr>
              {selecting && (
                <th className="select">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allOnPage}
                    onChange={togglePage}
                  />
                </th>
              )}
              <th>
                <button type="button" className="sort" onClick={() => sortBy("ip")}>
                  Source IP{arrow("ip")}
                </button>
              </th>
              <th className="num">
                <button type="button" className="sort" onClick={() => sortBy("events")}>
                  Events{arrow("events")}
                </button>
              </th>
              <th className="num">
                <button type="button" className="sort" onClick={() => sortBy("score")}>
                  Score{arrow("score")}
                </button>
              </th>
              <th>Verdict</th>
              <th>Bucket</th>
              <th>AS</th>
              <th>Country</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.length === 0 && (
              <tr>
                <td colSpan={selecting ? 9 : 8} className="muted">
                  No address matches.
                </td>
              </tr>
            )}
            {data.rows.map((row) => (
              <tr key={row.ip}>
                {selecting && (
                  <td className="select">
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.ip}`}
                      checked={selected.has(row.ip)}
                      onChange={() => toggle(row.ip)}
                    />
                  </td>
                )}
                <td className="mono">
                  <Link href={`/ips/${encodeURIComponent(row.ip)}`}>{row.ip}</Link>
                </td>
                <td className="num">
                  {/* A flagged row's count links to those events on the IP page, where each takes a
                      verdict; the address cell stays the bare address (exports and tests read it). */}
                  {row.verdict === "malicious" ? (
                    <Link
                      data-testid="flagged-events"
                      href={`/ips/${encodeURIComponent(row.ip)}#${eventsAnchor(uploadId)}`}
                      aria-label={`${formatCount(row.events)} events of ${row.ip} in this upload`}
                    >
                      {formatCount(row.events)}
                    </Link>
                  ) : (
                    formatCount(row.events)
                  )}
                </td>
                <td className="num">{formatScore(row.score)}</td>
                <td>
                  <StatusBadge value={row.verdict} />
                  {given.has(row.ip) && (
                    <span className="given" data-testid="given-verdict">
                      {" "}
                      analyst: <StatusBadge value={given.get(row.ip) ?? ""} />
                    </span>
                  )}
                </td>
                <td>
                  <StatusBadge value={row.bucket} />
                </td>
                <td className="clip" title={asText(row)}>
                  {asText(row)}
                </td>
                <td>{row.country ?? "—"}</td>
                <td className="muted clip wide" title={row.reasons.join("\n")}>
                  {row.reasons[0] ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button
          type="button"
          disabled={data.page <= 1 || loading}
          onClick={() => setState((s) => ({ ...s, page: s.page - 1 }))}
        >
          Previous
        </button>
        <span data-testid="ip-page">
          page {formatCount(data.page)} of {formatCount(data.pages)}
        </span>
        <button
          type="button"
          disabled={data.page >= data.pages || loading}
          onClick={() => setState((s) => ({ ...s, page: s.page + 1 }))}
        >
          Next
        </button>
      </div>
    </>
  );
}
