/** What a failed upload's reason means for the person who uploaded it, and what to do about it. */
export type TFailureAdvice = { what: string; next: string };

const OPERATOR = "send the upload id below to whoever runs your mlsec platform";

// The reasons the stages record (packages/core ingest, packages/pipeline, apps/worker), most
// specific first; the technical text stays on the page below the advice.
const RULES: { match: RegExp; stage?: string; advice: TFailureAdvice }[] = [
  {
    match: /decompression bomb/,
    advice: {
      what: "The compressed file expands far more than a log does, so it was refused as a possible decompression bomb.",
      next: "Upload the log uncompressed or split into smaller files. If it is a genuine log, ask your operator to raise MAX_DECOMPRESSED_BYTES or MAX_DECOMPRESSION_RATIO.",
    },
  },
  {
    match: /is empty/,
    advice: {
      what: "The file is empty.",
      next: "Check that you exported the right file, then upload it again.",
    },
  },
  {
    match: /no line could be read/,
    advice: {
      what: "None of the file's lines is in a format mlsec reads.",
      next: "mlsec reads iptables/ufw, pf, Cisco ASA, Windows Firewall, sshd, Suricata EVE, DShield, CSV and JSON logs, plain or gzip. Check your firewall's export settings; the rejected-line counts below say what was seen.",
    },
  },
  {
    match: /cancelled by the platform operator/,
    advice: {
      what: "The people who run your mlsec platform stopped this upload's processing (a job was stuck or failing).",
      next: `Upload the file again; if it keeps stopping, ${OPERATOR}.`,
    },
  },
  {
    match: /stopped \d+ times/,
    advice: {
      what: "The worker processing this upload stopped again and again, most often because it ran out of memory.",
      next: `Uploading the same file again will fail the same way: ${OPERATOR}.`,
    },
  },
  {
    match: /no progress from the/,
    advice: {
      what: "The worker lost this upload midway: it stopped or restarted before finishing.",
      next: "Upload the file again.",
    },
  },
  {
    match: /./,
    stage: "train",
    advice: {
      what: "The model could not be trained on this data.",
      next: `Upload again later; if it fails again, ${OPERATOR}.`,
    },
  },
];

const FALLBACK: TFailureAdvice = {
  what: "Processing stopped on an internal error.",
  next: `Upload the file again; if it fails again, ${OPERATOR}.`,
};

export function failureAdvice(stage: string | null, error: string | null): TFailureAdvice {
  const text = error ?? "";
  const rule = RULES.find((r) => r.match.test(text) && (r.stage === undefined || r.stage === stage));
  return rule?.advice ?? FALLBACK;
}
