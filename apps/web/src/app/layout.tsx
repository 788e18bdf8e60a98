import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { listUserOrganisations } from "@mlsec/db";
import { OrganisationSwitcher } from "@/components/organisation-switcher.tsx";
import { SignOutButton } from "@/components/sign-out-button.tsx";
import { roleHasScope } from "@/lib/authenticate-request.ts";
import { getPortalUser } from "@/lib/require-session.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: "mlsec",
  description: "Which IP addresses in your firewall logs are likely malicious",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getPortalUser();
  const organisations = user ? await listUserOrganisations(user.userId) : [];
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <nav className="topbar-inner">
            <Link href="/" className="brand">
              mlsec
            </Link>
            {user ? (
              <>
                <Link href="/">Uploads</Link>
                <Link href="/uploads/new">New upload</Link>
                <Link href="/models">Models</Link>
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
                <form action="/ips" method="get" className="lookup" role="search">
                  <input type="text" name="ip" placeholder="Look up an IP" aria-label="Look up an IP" />
                </form>
                <span className="spacer" />
                {organisations.length > 1 && (
                  <OrganisationSwitcher current={user.tenantId} organisations={organisations} />
                )}
                <span className="who">
                  {user.email} ({user.role})
                </span>
                <SignOutButton />
              </>
            ) : (
              <>
                <span className="spacer" />
                <Link href="/signin">Sign in</Link>
                <Link href="/signup">Sign up</Link>
              </>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
