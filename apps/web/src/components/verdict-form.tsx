"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

export type TVerdictKind = "malicious" | "benign";

/**
 * Gives one verdict, with an optional note, to one or more IPs through POST /api/v1/feedback (one
 * request for all of them). Only rendered for roles with the feedback scope; the API refuses
 * the others with 403 anyway. After saving, the server-rendered parts of the page are refreshed
 * so the IP page's verdict history shows the new row.
 */
export function VerdictForm({
  ips,
  reportId,
  onRecorded,
}: {
  ips: readonly string[];
  reportId?: string | null;
  onRecorded?: (ips: readonly string[], verdict: TVerdictKind) => void;
}) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // The buttons act only through React: until the page has hydrated a click would do nothing and
  // say nothing, so they stay disabled until then (seen as a lost click in portal-verdicts.e2e).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const give = async (verdict: TVerdictKind) => {
    setBusy(true);
    setMessage(null);
    try {
      const items = ips.map((ip) => ({ ip, verdict, note, ...(reportId ? { reportId } : {}) }));
      await portalFetch("/api/v1/feedback", { method: "POST", body: items });
      setMessage({
        ok: true,
        text: `Recorded ${verdict} on ${ips.length === 1 ? ips[0] : `${ips.length} addresses`}.`,
      });
      setNote("");
      onRecorded?.(ips, verdict);
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: `Not recorded: ${failureText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  const none = ips.length === 0;
  const off = !hydrated || busy || none;
  return (
    <div className="verdict-form" data-testid="verdict-form">
      <label>
        Note (optional)
        <input
          type="text"
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          placeholder="why, for the next analyst"
        />
      </label>
      <button type="button" className="danger" disabled={off} onClick={() => void give("malicious")}>
        Confirm malicious
      </button>
      <button type="button" className="ok" disabled={off} onClick={() => void give("benign")}>
        False positive (benign)
      </button>
      {message && (
        <span className={message.ok ? "ok-text" : "error"} role="status">
          {message.text}
        </span>
      )}
    </div>
  );
}
