"use client";

import { useState } from "react";
import { usePortalSubmit } from "@/components/use-portal-submit.ts";
import { ZInvitationCreated } from "@/lib/api-schemas/responses.ts";
import { formText } from "@/lib/form-text.ts";
import { portalFetch } from "@/lib/portal-fetch.ts";
import { FormError } from "@/components/form-error.tsx";

/**
 * Invites an address through POST /api/v1/invitations: the worker emails the link. The link is
 * also shown here once, for when the organisation has no mail server configured.
 */
export function InviteForm({ roles }: { roles: readonly string[] }) {
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const { busy, error, onSubmit } = usePortalSubmit(async (form) => {
    const email = formText(form, "email");
    setSent(null);
    const answer = ZInvitationCreated.parse(
      await portalFetch("/api/v1/invitations", {
        method: "POST",
        body: { email, role: formText(form, "role") },
      }),
    );
    setSent({ email, link: new URL(answer.acceptPath, window.location.origin).toString() });
  });

  return (
    <div className="panel">
      <form className="inline-form" method="post" onSubmit={onSubmit}>
        <label>
          Email
          <input name="email" type="email" required maxLength={254} />
        </label>
        <label>
          Role
          <select name="role" defaultValue="analyst">
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          Send invitation
        </button>
      </form>
      <FormError error={error} />
      {sent && (
        <div className="secret" data-testid="invitation-sent">
          <p>
            Invitation emailed to <strong>{sent.email}</strong>. If your organisation has no mail server, send
            them this link yourself; it works once and is not shown again:
          </p>
          <code>{sent.link}</code>
        </div>
      )}
    </div>
  );
}
