import { lookupAsIndexV4, lookupAsIndexV6 } from "../asn/lookup-asn.ts";
import { type TAsnTable } from "../asn/asn-table.ts";
import { isBogonV4, isBogonV6 } from "../net/bogon.ts";
import { formatIpv4, formatIpv6 } from "../net/format-ip.ts";
import { parseIp, parseIpv4, type TParsedIp } from "../net/parse-ip.ts";
import { U32Map } from "./u32-map.ts";

/**
 * Every distinct source address a snapshot knows, interned to a dense id so that per-IP state
 * lives in typed arrays. Append-only: ids never change, which lets a snapshot and its incremental
 * successor share one registry.
 */
export class IpRegistry {
  size = 0;
  /** 4 or 6. */
  family: Uint8Array = new Uint8Array(1024);
  v4: Uint32Array = new Uint32Array(1024);
  /** Four words per id (IPv6 only). */
  v6: Uint32Array = new Uint32Array(4096);
  /** Origin AS number, 0 when unknown or unannounced (AS 0 is never originated, RFC 7607). */
  asn: Uint32Array = new Uint32Array(1024);
  bogon: Uint8Array = new Uint8Array(1024);
  private v4Index = new U32Map(1024);
  private v6Index = new Map<string, number>();

  /** Id of an address, interning it (and looking up its AS once) when new; -1 for invalid text. */
  intern(text: string, asnTable: TAsnTable | null): number {
    const v4 = parseIpv4(text);
    if (v4 >= 0) {
      const id = this.v4Index.getOrSet(v4, this.size);
      if (id === this.size) this.addV4(v4, asnTable);
      return id;
    }
    const parsed = parseIp(text);
    if (!parsed) return -1;
    if (parsed.family === 4) {
      const id = this.v4Index.getOrSet(parsed.v4, this.size);
      if (id === this.size) this.addV4(parsed.v4, asnTable);
      return id;
    }
    const key = v6Key(parsed.words);
    const known = this.v6Index.get(key);
    if (known !== undefined) return known;
    const id = this.size;
    this.v6Index.set(key, id);
    this.ensure(id + 1);
    this.family[id] = 6;
    this.v6.set(parsed.words, id * 4);
    this.bogon[id] = isBogonV6(parsed.words) ? 1 : 0;
    if (asnTable && !this.bogon[id]) {
      const idx = lookupAsIndexV6(asnTable, parsed.words);
      this.asn[id] = idx >= 0 ? (asnTable.asns[idx] ?? 0) : 0;
    }
    this.size++;
    return id;
  }

  /** Id of an already parsed address, or -1 when never seen. */
  find(parsed: TParsedIp): number {
    if (parsed.family === 4) return this.v4Index.get(parsed.v4);
    return this.v6Index.get(v6Key(parsed.words)) ?? -1;
  }

  /** Canonical text of an id (regenerated rather than stored: millions of strings cost more than the arrays). */
  textOf(id: number): string {
    return this.family[id] === 4 ? formatIpv4(this.v4[id] ?? 0) : formatIpv6(this.v6, id * 4);
  }

  private addV4(v4: number, asnTable: TAsnTable | null): void {
    const id = this.size;
    this.ensure(id + 1);
    this.family[id] = 4;
    this.v4[id] = v4;
    this.bogon[id] = isBogonV4(v4) ? 1 : 0;
    if (asnTable && !this.bogon[id]) {
      const idx = lookupAsIndexV4(asnTable, v4);
      this.asn[id] = idx >= 0 ? (asnTable.asns[idx] ?? 0) : 0;
    }
    this.size++;
  }

  private ensure(n: number): void {
    if (n <= this.family.length) return;
    const cap = Math.max(n, this.family.length * 2);
    this.family = growU8(this.family, cap);
    this.bogon = growU8(this.bogon, cap);
    this.v4 = growU32(this.v4, cap);
    this.asn = growU32(this.asn, cap);
    this.v6 = growU32(this.v6, cap * 4);
  }
}

function v6Key(words: ArrayLike<number>): string {
  return `${words[0]}:${words[1]}:${words[2]}:${words[3]}`;
}

function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}

function growU32(a: Uint32Array, cap: number): Uint32Array {
  const b = new Uint32Array(cap);
  b.set(a);
  return b;
}
