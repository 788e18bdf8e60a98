"use client";

import { usePortalSubmit } from "@/components/use-portal-submit.ts";
import { formText } from "@/lib/form-text.ts";
import { portalFetch } from "@/lib/portal-fetch.ts";
import { FormError } from "@/components/form-error.tsx";

/** Adds an entry through POST /api/v1/lists, which validates the value (IP, CIDR or AS<n>). */
export function AddListEntryForm() {
  const { busy, error, onSubmit } = usePortalSubmit(async (form) => {
    // A date picker gives a day: the entry lapses at the end of that day, UTC.
    const until = formText(form, "expires");
    await portalFetch("/api/v1/lists", {
      method: "POST",
      body: {
        kind: formText(form, "kind"),
        value: formText(form, "value"),
        reason: formText(form, "reason"),
        expiresAt: until ? `${until}T23:59:59Z` : null,
      },
    });
  });

  return (
    <div className="panel">
      <form className="inline-form" method="post" onSubmit={onSubmit}>
        <label>
          List
          <select name="kind" defaultValue="allow">
            <option value="allow">allow</option>
            <option value="block">block</option>
          </select>
        </label>
        <label>
          IP, CIDR or AS
          <input name="value" type="text" required maxLength={64} placeholder="203.0.113.0/24 or AS64500" />
        </label>
        <label>
          Reason
          <input name="reason" type="text" maxLength={500} placeholder="our vulnerability scanner" />
        </label>
        <label>
          Expires (optional)
          <input name="expires" type="date" />
        </label>
        <button type="submit" disabled={busy}>
          Add entry
        </button>
      </form>
      <FormError error={error} />
    </div>
  );
}
