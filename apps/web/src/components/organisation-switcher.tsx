"use client";

import { getCsrfToken } from "next-auth/react";
import { useState } from "react";

type TOrganisation = { tenantId: string; name: string; role: string };

/**
 * For members of several organisations (an MSSP analyst, a consultant): picks the one the session
 * acts in. It goes through next-auth's session update (what useSession().update posts), and the
 * server's jwt callback switches only to an organisation the user is a member of.
 */
export function OrganisationSwitcher({
  current,
  organisations,
}: {
  current: string;
  organisations: TOrganisation[];
}) {
  const [busy, setBusy] = useState(false);
  const onChange = async (tenantId: string) => {
    setBusy(true);
    const csrfToken = await getCsrfToken();
    await fetch("/api/auth/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ csrfToken, data: { tenantId } }),
    });
    // A full navigation: every page and the header are rendered again for the new organisation.
    window.location.assign("/");
  };
  return (
    <select
      className="organisation"
      aria-label="Organisation"
      value={current}
      disabled={busy}
      onChange={(e) => void onChange(e.target.value)}
    >
      {organisations.map((o) => (
        <option key={o.tenantId} value={o.tenantId}>
          {o.name} ({o.role})
        </option>
      ))}
    </select>
  );
}
