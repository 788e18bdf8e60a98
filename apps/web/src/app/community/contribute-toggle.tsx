"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

/** The consent switch: PATCH /api/v1/community, then refresh the page. */
export function ContributeToggle({ contribute }: { contribute: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await portalFetch("/api/v1/community", { method: "PATCH", body: { contribute: !contribute } });
      router.refresh();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel inline-form" data-testid="community-consent">
      <strong data-testid="community-consent-state">
        {contribute ? "Contributing to the community pool" : "Not contributing"}
      </strong>
      <button type="button" disabled={busy} onClick={() => void toggle()}>
        {contribute ? "Stop contributing (deletes what we gave)" : "Contribute to the community pool"}
      </button>
      {error && (
        <span className="error" role="status">
          {error}
        </span>
      )}
    </div>
  );
}
