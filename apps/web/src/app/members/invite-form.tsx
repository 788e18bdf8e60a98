"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formText } from "@/lib/form-text.ts";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

/**
 * Invites an address through POST /api/v1/invitations: the worker emails the link. The link is
 * also shown here once, for when the organisation has no mail server configured.
 */
export function InviteForm({ roles }: { roles: readonly string[] }) {
  const router = useRouter();
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const email = formText(form, "email");
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      const answer = (await portalFetch("/api/v1/invitations", {
        method: "POST",
        body: { email, role: formText(form, "role") },
      })) as { acceptPath: string };
      setSent({ email, link: new URL(answer.acceptPath, window.location.origin).toString() });
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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
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
