"use client";

import { useState } from "react";
import { usePortalSubmit } from "@/components/use-portal-submit.ts";
import { ZKeyCreated } from "@/lib/api-schemas/responses.ts";
import { formText } from "@/lib/form-text.ts";
import { portalFetch } from "@/lib/portal-fetch.ts";
import { FormError } from "@/components/form-error.tsx";

const SCOPES = [
  ["upload", "upload logs"],
  ["read", "read reports and IPs"],
  ["feedback", "give verdicts and list entries"],
  ["export", "export all of the organisation's data"],
] as const;

/** Creates a key through POST /api/v1/keys and shows it once; it is not stored and cannot be shown again. */
export function CreateKeyForm() {
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { busy, error, onSubmit } = usePortalSubmit(async (form) => {
    const scopes = form.getAll("scope").filter((s): s is string => typeof s === "string");
    setCreated(null);
    const answer = ZKeyCreated.parse(
      await portalFetch("/api/v1/keys", { method: "POST", body: { name: formText(form, "name"), scopes } }),
    );
    setCreated({ name: answer.name, key: answer.key });
  });

  return (
    <div className="panel">
      <form className="inline-form" method="post" onSubmit={onSubmit}>
        <label>
          Name
          <input name="name" type="text" required maxLength={100} placeholder="e.g. siem-export" />
        </label>
        <div className="checks" role="group" aria-label="Scopes">
          {SCOPES.map(([scope, text]) => (
            <label key={scope}>
              <input type="checkbox" name="scope" value={scope} defaultChecked={scope === "read"} /> {scope}{" "}
              <span className="muted">({text})</span>
            </label>
          ))}
        </div>
        <button type="submit" disabled={busy}>
          Create key
        </button>
      </form>
      <FormError error={error} />
      {created && (
        <div className="secret" data-testid="new-key">
          <p>
            <strong>Copy the key &ldquo;{created.name}&rdquo; now.</strong> It is shown only this once.
          </p>
          <code data-testid="new-key-value">{created.key}</code>
        </div>
      )}
    </div>
  );
}
