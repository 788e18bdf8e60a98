"use client";

import { portalFetch } from "@/lib/portal-fetch.ts";
import { usePortalAction } from "@/components/use-portal-action.ts";
import { FormError } from "@/components/form-error.tsx";

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
  const {
    busy,
    error,
    run: change,
  } = usePortalAction(async (next: string) => {
    await portalFetch(`/api/v1/members/${encodeURIComponent(userId)}`, {
      method: "PATCH",
      body: { role: next },
    });
  });
  return (
    <>
      <select
        aria-label={`Role of ${email}`}
        value={role}
        disabled={busy}
        onChange={(e) => change(e.target.value)}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <FormError error={error} inline />
    </>
  );
}
