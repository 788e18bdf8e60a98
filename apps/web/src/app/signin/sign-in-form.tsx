"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { formText } from "@/lib/form-text.ts";
import { jsRequiredAction } from "@/lib/js-required.ts";
import { FormError } from "@/components/form-error.tsx";

export function SignInForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", {
      email: formText(form, "email"),
      password: formText(form, "password"),
      redirect: false,
    });
    if (res?.ok && !res.error) {
      // A full navigation so the server-rendered header picks up the new session.
      window.location.assign("/");
      return;
    }
    setBusy(false);
    // The sign-in route's 429 says how long the lock lasts (api/auth/[...nextauth]/route.ts).
    const locked = /^TooManyAttempts:(\d+)$/.exec(res?.error ?? "");
    setError(
      locked
        ? `Too many attempts, try again in ${Math.ceil(Number(locked[1]) / 60)} minutes.`
        : "Wrong email or password.",
    );
  };

  return (
    // method and action only matter before hydration: a native post goes to /api/js-required, so
    // the password never lands in a URL.
    <form
      className="stack"
      method="post"
      action={jsRequiredAction("/signin")}
      onSubmit={(e) => void onSubmit(e)}
    >
      <FormError error={error} />
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
