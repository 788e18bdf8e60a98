import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { listUserOrganisations } from "@mlsec/db";
import { OrganisationSwitcher } from "@/components/organisation-switcher.tsx";
import { SignOutButton } from "@/components/sign-out-button.tsx";
import { roleHasScope } from "@/lib/authenticate-request.ts";
import { getPortalOperator } from "@/lib/require-operator.ts";
import { getPortalUser } from "@/lib/require-session.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: "mlsec",
  description: "Which IP addresses in your firewall logs are likely malicious",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getPortalUser();
  const organisations = user ? await listUserOrganisations(user.userId) : [];
  // The platform operator's link, for operators only (the page answers 404 to anyone else).
  const operator = user ? await getPortalOperator() : null;
  // The organisation the session acts in, by name: the list of memberships already has it.
  const organisation = user ? organisations.find((o) => o.tenantId === user.tenantId) : undefined;
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          {/*
            Two rows: who and where (brand, organisation, account) above, the pages below. The page
            links wrap onto another line rather than push "Sign out" out of a narrow window, and stay
            plain links in document order, so every one is reachable by keyboard at any width.
          */}
          <div className="topbar-inner">
            <div className="topbar-top">
              <Link href="/" className="brand">
                mlsec
              </Link>
              {user && organisation && (
                <span className="organisation-name" data-testid="organisation-name" title={organisation.name}>
                  {organisation.name}
                </span>
              )}
              <span className="spacer" />
              {user ? (
                <>
                  {organisations.length > 1 && (
                    <OrganisationSwitcher current={user.tenantId} organisations={organisations} />
                  )}
                  <span className="who" title={`${user.email} (${user.role})`}>
                    {user.email} ({user.role})
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/signin">Sign in</Link>
                  <Link href="/signup">Sign up</Link>
                </>
              )}
            </div>
            {user && (
              <nav className="topbar-nav" aria-label="Portal">
                <Link href="/">Uploads</Link>
                <Link href="/uploads/new">New upload</Link>
                <Link href="/models">Models</Link>
                <Link href="/backtest">Backtest</Link>
                <Link href="/feeds">Feeds</Link>
                {/* Links only for pages the role may open; the pages and the API check again. */}
                {roleHasScope(user.role, "feedback") && <Link href="/lists">Lists</Link>}
                {roleHasScope(user.role, "manage") && (
                  <>
                    <Link href="/members">Members</Link>
                    <Link href="/keys">Keys</Link>
                    <Link href="/audit">Audit</Link>
                    <Link href="/settings">Settings</Link>
                    <Link href="/community">Community</Link>
                  </>
                )}
                {operator && <Link href="/operator">Operator</Link>}
                <form action="/ips" method="get" className="lookup" role="search">
                  <input type="text" name="ip" placeholder="Look up an IP" aria-label="Look up an IP" />
                </form>
              </nav>
            )}
          </div>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
