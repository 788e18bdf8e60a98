/**
 * A generated UFW log with more source addresses than one page of the report's IP table, over
 * several days, so paging, charts per day and training all have something to show. Deterministic:
 * the same text every run. Attackers sit in a few /24s (so IP pages have neighbours) and hit
 * watched ports or scan; background sources make allowed HTTPS requests.
 */
export type TManySources = { text: string; sources: string[]; attackers: string[] };

const DAYS = ["Jan 10", "Jan 11", "Jan 12", "Jan 13"];
const ATTACK_NETS = ["45.155.205", "193.142.146", "80.94.95"];
const WATCHED = [22, 23, 445, 3389, 5900];

function line(day: string, second: number, src: string, action: "BLOCK" | "ALLOW", port: number, id: number) {
  const hh = String(8 + Math.floor(second / 3600)).padStart(2, "0");
  const mm = String(Math.floor(second / 60) % 60).padStart(2, "0");
  const ss = String(second % 60).padStart(2, "0");
  return (
    `${day} ${hh}:${mm}:${ss} fw kernel: [UFW ${action}] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 ` +
    `SRC=${src} DST=198.51.100.10 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=${id} PROTO=TCP SPT=${40000 + (id % 20000)} ` +
    `DPT=${port} WINDOW=1024 RES=0x00 SYN URGP=0`
  );
}

export function manySourcesLog(count = 300): TManySources {
  const attackers: string[] = [];
  for (const net of ATTACK_NETS) for (let h = 10; h < 40; h++) attackers.push(`${net}.${h}`);
  const background: string[] = [];
  for (let i = 0; background.length < count - attackers.length; i++) {
    // Spread over many public /24s of 23.0.0.0/8 and 100.64-free space.
    background.push(`23.${20 + (i % 50)}.${(i * 7) % 250}.${1 + ((i * 13) % 250)}`);
  }
  const lines: string[] = [];
  let id = 1;
  DAYS.forEach((day, d) => {
    let second = 0;
    attackers.forEach((src, a) => {
      // Every attacker hits watched ports on most days; one in three also scans 6 ports.
      if ((a + d) % 4 === 3) return;
      const ports = a % 3 === 0 ? [...WATCHED, 8081] : [WATCHED[(a + d) % WATCHED.length] ?? 22];
      for (const port of ports) lines.push(line(day, (second += 7), src, "BLOCK", port, id++));
    });
    background.forEach((src, b) => {
      if ((b + d) % 2 === 1) return;
      lines.push(line(day, (second += 3), src, "ALLOW", 443, id++));
    });
  });
  return { text: `${lines.join("\n")}\n`, sources: [...attackers, ...background], attackers };
}
