import { redirect } from "next/navigation";
import { canonicalIp } from "@/lib/canonical-ip.ts";
import { requireSession } from "@/lib/require-session.ts";

/** /ips?ip=…: the header's look-up box; a valid address opens its page, anything else asks again. */
export default async function IpLookupPage({
  searchParams,
}: {
  searchParams: Promise<{ ip?: string | string[] }>;
}) {
  await requireSession();
  const raw = (await searchParams).ip;
  const text = typeof raw === "string" ? raw : "";
  const ip = text ? canonicalIp(encodeURIComponent(text)) : null;
  if (ip) redirect(`/ips/${encodeURIComponent(ip)}`);
  return (
    <div className="panel narrow">
      <h1>Look up an address</h1>
      {text && <p className="error">“{text.slice(0, 80)}” is not an IPv4 or IPv6 address.</p>}
      <form action="/ips" method="get" className="stack">
        <label>
          IP address
          <input type="text" name="ip" defaultValue={text} placeholder="192.0.2.1 or 2001:db8::1" autoFocus />
        </label>
        <button type="submit">Open</button>
      </form>
    </div>
  );
}
