import fc from "fast-check";

// Generated netfilter lines, valid and broken, for the tests that hold two implementations of
// the netfilter parser together (the TypeScript hot path, its reference, the WebAssembly kernel).

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));
const v6 = fc.constantFrom("2001:db8::42", "::ffff:198.51.100.9", "fe80::1%eth0", "2001:DB8:0:0:1::1");
const address = fc.oneof(v4, v4, v4, v6, fc.constantFrom("1.2.3", "256.1.1.1", "01.2.3.4", ""));
const stamp = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("Jan", "Feb", "Dec", "Foo"),
      fc.integer({ min: 0, max: 32 }),
      fc.nat(25),
      fc.nat(61),
    )
    .map(
      ([m, d, h, s]) =>
        `${m} ${String(d).padStart(2, " ")} ${String(h).padStart(2, "0")}:07:${String(s).padStart(2, "0")}`,
    ),
  fc.constant("2026-01-01T01:00:07.25+01:00"),
  fc.constant("<4>Jan  1 00:00:03"),
);
const prefix = fc.constantFrom(
  "[UFW BLOCK] ",
  "[UFW AUDIT] ",
  "[UFW ALLOW] ",
  "DROP-IN: ",
  "",
  "ACCEPT ",
  "[x] ",
);
const host = fc.constantFrom("fw01 ", "gw ", "", "edge-router.example ");
const uptime = fc.constantFrom("[ 8123.456789] ", "[12.5] ", "", "[ abc] ");
const proto = fc.constantFrom("TCP", "UDP", "ICMP", "6", "58", "GRE", "");
const port = fc.oneof(fc.nat(65535).map(String), fc.constantFrom("", "65536", "x1", "080"));

export const netfilterLine = fc
  .tuple(stamp, host, uptime, prefix, address, address, proto, port, port, fc.boolean())
  .map(
    ([t, h, u, p, src, dst, pr, spt, dpt, ports]) =>
      `${t} ${h}kernel: ${u}${p}IN=eth0 OUT= MAC=52:54:00:12:34:56 SRC=${src} DST=${dst} LEN=60 TTL=50 ID=1 DF PROTO=${pr}` +
      (ports ? ` SPT=${spt} DPT=${dpt} WINDOW=1024 SYN URGP=0` : ` TYPE=8 CODE=0`),
  );

// Inserted text: random, or a piece of a key, so a line gets a second SRC=, a PROTO= before DST=,
// a key cut by the line's end, a carriage return: the places where a parser finds its fields.
const edit = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom(" SRC=", " SRC=1.2.3.4", "SRC=", "IN=", " IN=x", "PROTO=", " PROTO=UDP", "PROTO"),
  fc.constantFrom(" DST=5.6.7.8", " SPT=1 DPT=2", " DPT=", "=", "\r", " ", "S", "P"),
  fc.constantFrom("xSRC=9.9.9.9 DST=5.6.7.8 ", "[UFW ALLOW] IN=", "IN= SRC=9.9.9.9 DST=5.6.7.8 PROTO=UDP "),
);

/** Random edits of a generated line, as the property tests do for every parser. */
export const mutatedNetfilterLine = fc
  .tuple(netfilterLine, fc.array(fc.tuple(fc.nat(), fc.nat(6), edit), { maxLength: 3 }))
  .map(([l, edits]) =>
    edits.reduce((acc, [at, del, ins]) => {
      const i = at % (acc.length + 1);
      return acc.slice(0, i) + ins + acc.slice(i + del);
    }, l),
  );
