/** `CIDR<TAB>list name` lines (research-scanners.tsv) as CIDR strings with their list. */
export function parseResearchScanners(text: string): { cidr: string; list: string }[] {
  const out: { cidr: string; list: string }[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const [cidr = "", list = ""] = line.split("\t");
    if (cidr) out.push({ cidr: cidr.trim(), list: list.trim() });
  }
  return out;
}
