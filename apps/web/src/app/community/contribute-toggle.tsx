"use client";

import { portalFetch } from "@/lib/portal-fetch.ts";
import { usePortalAction } from "@/components/use-portal-action.ts";
import { FormError } from "@/components/form-error.tsx";

/** The consent switch: PATCH /api/v1/community, then refresh the page. */
export function ContributeToggle({ contribute }: { contribute: boolean }) {
  const {
    busy,
    error,
    run: toggle,
  } = usePortalAction(async () => {
    await portalFetch("/api/v1/community", { method: "PATCH", body: { contribute: !contribute } });
  });
  return (
    <div className="panel inline-form" data-testid="community-consent">
      <strong data-testid="community-consent-state">
        {contribute ? "Contributing to the community pool" : "Not contributing"}
      </strong>
      <button type="button" disabled={busy} onClick={() => toggle()}>
        {contribute ? "Stop contributing (deletes what we gave)" : "Contribute to the community pool"}
      </button>
      <FormError error={error} inline polite />
    </div>
  );
}
