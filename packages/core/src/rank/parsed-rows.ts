import { parseIpv4, parseIpv6 } from "../net/parse-ip.ts";

/**
 * Addresses of a chunk of rows, parsed once into typed arrays: family 4 or 6 (0 = invalid text),
 * the IPv4 value, and four big-endian words per row for IPv6.
 */
export class ParsedRows {
  n = 0;
  fam: Uint8Array;
  v4: Uint32Array;
  v6: Uint32Array;

  constructor(capacity: number) {
    this.fam = new Uint8Array(capacity);
    this.v4 = new Uint32Array(capacity);
    this.v6 = new Uint32Array(capacity * 4);
  }

  get capacity(): number {
    return this.fam.length;
  }

  /** Doubles the capacity, keeping the rows held. */
  grow(): void {
    const cap = this.fam.length * 2;
    const fam = new Uint8Array(cap);
    fam.set(this.fam);
    this.fam = fam;
    const v4 = new Uint32Array(cap);
    v4.set(this.v4);
    this.v4 = v4;
    const v6 = new Uint32Array(cap * 4);
    v6.set(this.v6);
    this.v6 = v6;
  }

  /** Appends one address text; IPv4-mapped IPv6 is unwrapped to IPv4, as parseIp does. Returns its family (0 = invalid). */
  push(text: string): number {
    const row = this.n++;
    const v4 = parseIpv4(text);
    if (v4 >= 0) {
      this.v4[row] = v4;
      return (this.fam[row] = 4);
    }
    const at = row * 4;
    if (!parseIpv6(text, this.v6, at)) return (this.fam[row] = 0);
    if (this.v6[at] === 0 && this.v6[at + 1] === 0 && this.v6[at + 2] === 0xffff) {
      this.v4[row] = this.v6[at + 3] ?? 0;
      return (this.fam[row] = 4);
    }
    return (this.fam[row] = 6);
  }
}
