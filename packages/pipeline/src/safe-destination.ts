import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { loadWebhookEnv, type TWebhookEnv } from "@mlsec/config";
import { allowList, destinationRefusal, webhookTarget } from "@mlsec/core/net";

/** A webhook destination we will not connect to; retrying cannot change that, so it is permanent. */
export class UnsafeDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeDestinationError";
  }
}

export type TVettedDestination = { url: URL; address: string; family: 4 | 6 };
type TResolve = (host: string) => Promise<LookupAddress[]>;

const resolveAll: TResolve = (host) =>
  new Promise((ok, fail) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? fail(err) : ok(addresses))),
  );

/**
 * Resolves the webhook's host and vets every address it has: one disallowed address refuses the
 * URL, since which one a client would pick is not ours to know. Returns the address to connect to.
 */
export async function vetDestination(
  raw: string,
  env: TWebhookEnv = loadWebhookEnv(),
  resolve: TResolve = resolveAll,
): Promise<TVettedDestination> {
  const allow = allowList(env.WEBHOOK_ALLOW_CIDRS);
  const target = webhookTarget(raw, allow);
  if (!target.ok) throw new UnsafeDestinationError(`webhook refused: ${target.reason}`);
  if (target.address !== null)
    return { url: target.url, address: target.address, family: target.address.includes(":") ? 6 : 4 };
  const addresses = await resolve(target.host);
  const first = addresses[0];
  if (!first) throw new UnsafeDestinationError(`webhook refused: ${target.host} has no address`);
  for (const a of addresses) {
    const refusal = destinationRefusal(a.address, allow);
    if (refusal !== null)
      throw new UnsafeDestinationError(
        `webhook refused: ${target.host} resolves to ${a.address}, which is ${refusal}`,
      );
  }
  return { url: target.url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * The save-time check (settings route): null when the URL may be saved, else why not. A name that
 * does not resolve (yet, or from here) is let through: the send-time check, which resolves again,
 * is the one that counts, and refusing here would only block receivers being set up.
 */
export async function webhookUrlRefusal(
  raw: string,
  env: TWebhookEnv = loadWebhookEnv(),
  resolve: TResolve = resolveAll,
): Promise<string | null> {
  const lookupBounded: TResolve = (host) =>
    Promise.race([
      resolve(host),
      new Promise<LookupAddress[]>((_, fail) =>
        setTimeout(() => fail(new Error("lookup timed out")), 3000).unref(),
      ),
    ]);
  try {
    await vetDestination(raw, env, lookupBounded);
    return null;
  } catch (err) {
    if (err instanceof UnsafeDestinationError) return err.message;
    return null;
  }
}

export type TDelivery = { status: number; headers: IncomingHttpHeaders };

/**
 * POSTs to a vetted destination, connecting to the vetted address whatever the name resolves to
 * by now (DNS rebinding between check and connect), with TLS still checked against the name. No
 * redirect is followed: http.request never does, and the caller treats 3xx as a failure.
 */
export function postToVetted(
  dest: TVettedDestination,
  opts: { headers: Record<string, string>; body: string; timeoutMs: number },
): Promise<TDelivery> {
  // Node calls lookup with {all: true} when it tries several addresses (autoSelectFamily).
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: dest.address, family: dest.family }]);
    else callback(null, dest.address, dest.family);
  };
  const send = dest.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((ok, fail) => {
    const req = send(
      dest.url,
      {
        method: "POST",
        headers: { ...opts.headers, "content-length": String(Buffer.byteLength(opts.body)) },
        lookup: pinned,
        timeout: opts.timeoutMs,
      },
      (res) => {
        // The answer's body is not ours to read: drain it so the socket closes.
        res.resume();
        res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers }));
        res.on("error", fail);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on("error", fail);
    req.end(opts.body);
  });
}
