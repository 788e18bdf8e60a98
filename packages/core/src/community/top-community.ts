import { v4NetworkCidr, v6NetworkCidr } from "../net/network.ts";
import { type TCommunityView } from "./community-view.ts";

export type TTopCommunity = { kind: "ip" | "net" | "as"; key: string; rank: number; reporters: number };

/** The highest-ranked visible IPs, neighbourhoods and ASes of a view (for the admin page). */
export function topCommunity(view: TCommunityView, n = 20): TTopCommunity[] {
  const all: TTopCommunity[] = [];
  for (const [ip, e] of view.ips) all.push({ kind: "ip", key: ip, ...e });
  for (const [k, e] of view.nets) all.push({ kind: "net", key: netCidr(k), ...e });
  for (const [a, e] of view.as) all.push({ kind: "as", key: `AS${a}`, ...e });
  const by = (kind: TTopCommunity["kind"]) =>
    all
      .filter((t) => t.kind === kind)
      .sort((a, b) => b.rank - a.rank || a.key.localeCompare(b.key))
      .slice(0, n);
  return [...by("ip"), ...by("net"), ...by("as")];
}

function netCidr(key: string): string {
  if (key.startsWith("4/")) {
    const [, prefix = "0", net = "0"] = key.split("/");
    return v4NetworkCidr(Number(net), Number(prefix));
  }
  return v6NetworkCidr(key.slice(2));
}
