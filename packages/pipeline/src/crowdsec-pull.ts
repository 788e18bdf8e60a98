import {
  crowdsecScenario,
  type TCrowdsecDeletion,
  renderDecisionList,
  renderDecisionStream,
  type TFeedDecision,
  decisionSortKey,
} from "@mlsec/core/feeds";
import { parseCidr } from "@mlsec/core/ip-lists";
import {
  addSentEntries,
  clearSentEntries,
  openSentCopy,
  removeSentEntries,
  setStreamFingerprint,
  streamFingerprint,
  streamSentEntries,
  type TFeed,
  type TSentEntry,
} from "@mlsec/db";
import { feedFingerprint } from "./feed-decisions.ts";
import { feedSettingsKey, openFeed } from "./feed-selection.ts";
import { flatten, missingFrom } from "./merge-sorted.ts";

const BATCH = 5_000;

/**
 * The body of a CrowdSec bouncer's `GET /v1/decisions/stream`. With `startup` the bouncer holds
 * nothing: it gets every decision the feed serves and what it was sent is recorded afresh. Without
 * it, it gets the decisions it was not sent yet and deletions for what it was sent that the feed no
 * longer serves (expired, allow-listed after a false-positive verdict, below a changed filter),
 * found by merge-joining the feed with the sent record, both in address order: constant memory.
 * A poll whose selection fingerprint (feedFingerprint) is the one the consumer was last brought
 * up to date with answers empty lists without reading a row: most polls, every 10 s per bouncer.
 * `done` is called with the number of new decisions once the body has been produced.
 */
export async function* crowdsecStreamBody(opts: {
  feed: TFeed;
  startup: boolean;
  now: Date;
  done: (served: number) => Promise<void>;
}): AsyncGenerator<string> {
  const { feed, now } = opts;
  const { selection, decisions } = await openFeed(feed, now);
  // Taken before reading: a change made while this pull runs makes the next poll diff again.
  const fingerprint = await feedFingerprint(selection, feedSettingsKey(feed));
  let served = 0;
  if (opts.startup) {
    await setStreamFingerprint(feed.id, null);
    await clearSentEntries(feed.id);
  } else if ((await streamFingerprint(feed.id)) === fingerprint) {
    // Nothing the feed serves changed since the consumer was last brought up to date.
    yield* renderDecisionStream({ new: [], deleted: [] }, now);
    await opts.done(0);
    return;
  }

  const fresh = opts.startup
    ? decisions()
    : missingFrom(decisions(), flatten(streamSentEntries(feed.id)), keyOf, (s) => s.sortKey);
  // Startup records what it sends by COPY (a fresh set: no conflicts), a poll's few new ones by INSERT.
  const copy = opts.startup ? await openSentCopy(feed.id) : null;
  async function* recordNew(): AsyncGenerator<TFeedDecision> {
    let batch: TSentEntry[] = [];
    const flush = async () => {
      if (copy) await copy.write(batch);
      else await addSentEntries(feed.id, batch);
      batch = [];
    };
    let finished = false;
    try {
      for await (const d of fresh) {
        batch.push({
          sortKey: keyOf(d),
          value: d.value,
          scope: d.scope,
          scenario: crowdsecScenario(d.cluster),
        });
        served++;
        yield d;
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      await copy?.end();
      finished = true;
    } finally {
      // Cut short (the bouncer hung up): record nothing, so its next poll diffs against the truth.
      if (!finished) await copy?.abort();
    }
  }
  async function* recordDeleted(): AsyncGenerator<TCrowdsecDeletion> {
    if (opts.startup) return;
    let gone: string[] = [];
    const stale = missingFrom(flatten(streamSentEntries(feed.id)), decisions(), (s) => s.sortKey, keyOf);
    for await (const s of stale) {
      gone.push(s.sortKey);
      yield { value: s.value, scope: s.scope === "Range" ? "Range" : "Ip", scenario: s.scenario };
      if (gone.length >= BATCH) {
        await removeSentEntries(feed.id, gone);
        gone = [];
      }
    }
    await removeSentEntries(feed.id, gone);
  }
  yield* renderDecisionStream({ new: recordNew(), deleted: recordDeleted() }, now);
  await setStreamFingerprint(feed.id, fingerprint);
  await opts.done(served);
}

/**
 * The body of `GET /v1/decisions?ip=|range=` (the bouncers' live mode): the feed's decisions for
 * that address, or inside that range (neither: all of them); `null` when there are none, as LAPI answers.
 */
export async function* crowdsecLookupBody(opts: {
  feed: TFeed;
  ip: string | null;
  range: string | null;
  now: Date;
  done: (served: number) => Promise<void>;
}): AsyncGenerator<string> {
  const { decisions } = await openFeed(opts.feed, opts.now);
  const target = parseCidr(opts.ip ?? opts.range ?? "");
  let served = 0;
  async function* matches(): AsyncGenerator<TFeedDecision> {
    const any = opts.ip === null && opts.range === null;
    if (!target && !any) return;
    for await (const d of decisions()) {
      if (!target) {
        // No filter: every decision, as LAPI answers a bare GET /v1/decisions.
        served++;
        yield d;
        continue;
      }
      const r = parseCidr(d.value);
      // A decision matches when it contains the asked address, or lies inside the asked range.
      if (!r || r.family !== target.family) continue;
      const overlaps = r.start <= target.end && target.start <= r.end;
      if (overlaps) {
        served++;
        yield d;
      }
    }
  }
  yield* renderDecisionList(matches(), opts.now);
  await opts.done(served);
}

function keyOf(d: TFeedDecision): string {
  return decisionSortKey(d.value);
}
