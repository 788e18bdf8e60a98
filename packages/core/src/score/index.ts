export {
  applyLists,
  createListMatcher,
  parseListText,
  parseListValue,
  selectListedEntries,
  type TListEntry,
  type TListKind,
  type TListMatcher,
  type TListTarget,
} from "./apply-lists.ts";
export { DEFAULT_TRIAGE, triageBucket, type TTriageThresholds } from "./triage.ts";
