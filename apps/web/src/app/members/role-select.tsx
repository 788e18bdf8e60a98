"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

/** Changes a member's role through PATCH /api/v1/members/:userId; a refusal shows the API's reason. */
export function RoleSelect({
  userId,
  email,
  role,
  roles,
}: {
  userId: string;
  email: string;
  role: string;
  roles: readonly string[];
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = async (next: string) => {
    setBusy(true);
    setError(null);
    try {
      await portalFetch(`/api/v1/members/${encodeURIComponent(userId)}`, {
        method: "PATCH",
        body: { role: next },
      });
      router.refresh();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <select
        aria-label={`Role of ${email}`}
        value={role}
        disabled={busy}
        onChange={(e) => void change(e.target.value)}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
