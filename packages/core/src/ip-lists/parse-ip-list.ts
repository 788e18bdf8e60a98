import { canonicalIp, parseCidr } from "./ip-text.ts";

/**
 * A plain list: one address or CIDR a line; `#` or `;` start comments (whole-line or trailing), and
 * anything after the first whitespace or comma is ignored (lists often carry a note column). A /32
 * or /128 counts as an address. Lines that are neither are skipped.
 */
export function parseIpList(text: string): { ips: string[]; cidrs: string[] } {
  const ips: string[] = [];
  const cidrs: string[] = [];
  for (const raw of text.split("\n")) {
    const token = (raw.split(/[#;]/)[0] ?? "").trim().split(/[\s,]+/)[0] ?? "";
    if (token === "") continue;
    if (token.includes("/")) {
      const [addr = "", bits = ""] = token.split("/");
      const range = parseCidr(token);
      if (!range) continue;
      const host = canonicalIp(addr);
      if (host && ((range.family === 4 && bits === "32" && !addr.includes(":")) || bits === "128"))
        ips.push(host);
      else if (host) cidrs.push(`${host}/${bits}`);
      continue;
    }
    const ip = canonicalIp(token);
    if (ip) ips.push(ip);
  }
  return { ips, cidrs };
}
