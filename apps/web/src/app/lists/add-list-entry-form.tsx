"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formText } from "@/lib/form-text.ts";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

/** Adds an entry through POST /api/v1/lists, which validates the value (IP, CIDR or AS<n>). */
export function AddListEntryForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    // A date picker gives a day: the entry lapses at the end of that day, UTC.
    const until = formText(form, "expires");
    setBusy(true);
    setError(null);
    try {
      await portalFetch("/api/v1/lists", {
        method: "POST",
        body: {
          kind: formText(form, "kind"),
          value: formText(form, "value"),
          reason: formText(form, "reason"),
          expiresAt: until ? `${until}T23:59:59Z` : null,
        },
      });
      formEl.reset();
      router.refresh();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel">
      <form className="inline-form" onSubmit={(e) => void onSubmit(e)}>
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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
