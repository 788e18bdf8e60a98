import type { TFeedFormat } from "@mlsec/core/feeds";

/** One step of setting a consumer up: where it goes, and the exact text to put there. */
export type TConfigStep = { where: string; text: string };

/** What the feed's consumer needs to know; the token only while it is being shown once. */
export type TConfigFeed = { id: string; format: TFeedFormat; url: string; pageSize: number | null };

/** The download the scripted formats share; the token goes in a header, out of proxies' access logs. */
const curl = (url: string, token: string, out: string) =>
  `curl -fsS -H "Authorization: Bearer ${token}" "${url}" -o ${out}`;

/**
 * The exact configuration of the feed's consumer with this token, shown next to the token when it
 * is issued: the moment the person creating the feed needs both, and the only moment the token is
 * known. Paths and names are those the formats' renderers and the consumers' defaults use.
 */
export function consumerConfig(feed: TConfigFeed, token: string): TConfigStep[] {
  const { url } = feed;
  switch (feed.format) {
    case "crowdsec":
      return [
        {
          where:
            "In /etc/crowdsec/bouncers/crowdsec-firewall-bouncer.yaml (then systemctl restart crowdsec-firewall-bouncer):",
          text: `api_url: ${url}\napi_key: ${token}`,
        },
      ];
    case "edl": {
      const steps: TConfigStep[] = [
        {
          where:
            "PAN-OS (Objects > External Dynamic Lists, type IP List) or FortiGate (External Connectors > IP Address threat feed), the source URL with the token:",
          text: `${url}?token=${token}`,
        },
        {
          where: "Or the plain URL with basic authentication (any user name, the token as password):",
          text: `URL: ${url}\nUser name: any\nPassword: ${token}`,
        },
      ];
      if (feed.pageSize !== null)
        steps.push({
          where: `The feed is split into pages of ${feed.pageSize} entries: add one list per page, counting up until a page is empty:`,
          text: `${url}?page=1&token=${token}\n${url}?page=2&token=${token}`,
        });
      return steps;
    }
    case "nftables":
      return [
        {
          where:
            "On the firewall, on a schedule (the script replaces table inet mlsec, sets mlsec-v4 and mlsec-v6, in one transaction):",
          text: `${curl(url, token, "/etc/nftables.d/mlsec.nft")} && nft -f /etc/nftables.d/mlsec.nft`,
        },
      ];
    case "ipset":
      return [
        {
          where: "On the firewall, on a schedule (swaps in sets mlsec-v4 and mlsec-v6):",
          text: `${curl(url, token, "/etc/ipset/mlsec.ipset")} && ipset restore -f /etc/ipset/mlsec.ipset`,
        },
      ];
    case "pf":
      return [
        {
          where: "On the firewall, on a schedule (replaces the pf table mlsec):",
          text: `${curl(url, token, "/etc/pf.mlsec")} && pfctl -t mlsec -T replace -f /etc/pf.mlsec`,
        },
      ];
    case "zeek":
      return [
        {
          where: "On the sensor, on a schedule:",
          text: curl(url, token, "/opt/zeek/share/intel/mlsec.intel"),
        },
        {
          where: "In local.zeek:",
          text: 'redef Intel::read_files += { "/opt/zeek/share/intel/mlsec.intel" };',
        },
      ];
    case "suricata":
      return [
        {
          where:
            "On the sensor: the categories once, the reputation list on a schedule (then suricatasc -c reload-rules):",
          text: `${curl(`${url}-categories`, token, "/etc/suricata/iprep/mlsec-categories.txt")}\n${curl(url, token, "/etc/suricata/iprep/mlsec-iprep.list")}`,
        },
        {
          where: "In suricata.yaml:",
          text: "reputation-categories-file: /etc/suricata/iprep/mlsec-categories.txt\ndefault-reputation-path: /etc/suricata/iprep\nreputation-files:\n  - mlsec-iprep.list",
        },
      ];
    case "misp":
      return [
        {
          where: 'In MISP: Sync Actions > Feeds > Add Feed, source format "MISP Feed":',
          text: `URL: ${url}\nHeaders: Authorization: Basic ${btoa(`mlsec:${token}`)}`,
        },
      ];
    case "taxii":
      return [
        {
          where: "In the TAXII 2.1 client (basic authentication: any user name, the token as password):",
          text: `Discovery URL: ${url}\nAPI root: ${url}root/\nCollection ID: ${feed.id}\nUser name: any\nPassword: ${token}`,
        },
      ];
    case "csv":
    case "json":
    case "stix":
      return [
        {
          where: "Download with the token as a bearer token (or X-Api-Key, or ?token=):",
          text: curl(
            url,
            token,
            `mlsec-feed.${feed.format === "json" ? "jsonl" : feed.format === "stix" ? "stix.json" : "csv"}`,
          ),
        },
      ];
  }
}
