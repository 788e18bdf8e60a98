"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { ZInvitationAccepted } from "@/lib/api-schemas/responses.ts";
import { formText } from "@/lib/form-text.ts";
import { jsRequiredAction } from "@/lib/js-required.ts";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";
import { FormError } from "@/components/form-error.tsx";

/**
 * Accepts through POST /api/v1/invitations/accept (creating the account when the address has none),
 * then signs in with the same password, as the sign-up form does.
 */
export function AcceptInvitationForm({
  token,
  email,
  hasAccount,
}: {
  token: string;
  email: string;
  hasAccount: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = formText(form, "password");
    setBusy(true);
    setError(null);
    let tenantId: string;
    try {
      const joined = ZInvitationAccepted.parse(
        await portalFetch("/api/v1/invitations/accept", {
          method: "POST",
          // An existing account proves itself with its password (or the session the request carries).
          body: hasAccount ? { token, password } : { token, password, name: formText(form, "name") },
        }),
      );
      tenantId = joined.tenantId;
    } catch (err) {
      setBusy(false);
      setError(failureText(err));
      return;
    }
    // Signed in to the organisation just joined, not the account's oldest one.
    const res = await signIn("credentials", { email, password, tenantId, redirect: false });
    if (res?.ok && !res.error) {
      window.location.assign("/");
      return;
    }
    setBusy(false);
    setError("You joined the organisation, but signing in failed: check your password on the sign-in page.");
  };

  return (
    // method and action only matter before hydration: a native post goes to /api/js-required, so
    // the password never lands in a URL.
    <form
      className="stack"
      method="post"
      action={jsRequiredAction(`/invite/${encodeURIComponent(token)}`)}
      onSubmit={(e) => void onSubmit(e)}
    >
      <FormError error={error} />
      {hasAccount ? (
        <p className="muted">You already have an account: enter its password to join and sign in.</p>
      ) : (
        <label>
          Your name (optional)
          <input name="name" type="text" autoComplete="name" maxLength={100} />
        </label>
      )}
      <label>
        {hasAccount ? "Password" : "Choose a password (at least 8 characters)"}
        <input
          name="password"
          type="password"
          autoComplete={hasAccount ? "current-password" : "new-password"}
          required
          minLength={8}
        />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Joining…" : "Accept invitation"}
      </button>
    </form>
  );
}
