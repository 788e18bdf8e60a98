import { dayStart } from "@mlsec/core/day";
import { getDb } from "./client.ts";
import { type Prisma } from "./generated/prisma/client.ts";

export type TCommunityFeedDef = {
  id: string;
  name: string;
  format: "ipsum" | "list";
  weight: number;
  licence: string;
  source: string;
};

/** Registers or updates a public feed's definition (weight, licence note) before an import. */
export async function upsertCommunityFeed(def: TCommunityFeedDef) {
  return getDb().communityFeed.upsert({ where: { id: def.id }, create: def, update: def });
}

export async function markFeedImported(opts: { id: string; entries: number; at: Date }) {
  return getDb().communityFeed.update({
    where: { id: opts.id },
    data: { importedAt: opts.at, entries: opts.entries },
  });
}

export async function listCommunityFeeds() {
  return getDb().communityFeed.findMany({ orderBy: { id: "asc" } });
}

/** Stores one community job's summary (JSON shaped by packages/pipeline's community job). */
export async function saveCommunityRun(opts: { asOf: string; summary: Prisma.InputJsonValue }) {
  return getDb().communityRun.create({
    data: { asOf: dayStart(opts.asOf), summary: opts.summary },
  });
}

export async function latestCommunityRun() {
  return getDb().communityRun.findFirst({ orderBy: { computedAt: "desc" } });
}
