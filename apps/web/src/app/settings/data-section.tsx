"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from "@/lib/api-schemas/tenant.ts";
import { formText } from "@/lib/form-text.ts";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

type TMessage = { ok: boolean; text: string } | null;

function Status({ message }: { message: TMessage }) {
  if (!message) return null;
  return (
    <span className={message.ok ? "ok-text" : "error"} role="status">
      {message.text}
    </span>
  );
}

/** Days of rollups and raw files kept (empty: forever), through PATCH /api/v1/settings. */
function RetentionForm({ days }: { days: number | null }) {
  const router = useRouter();
  const [message, setMessage] = useState<TMessage>(null);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setMessage(null);
    const text = formText(new FormData(e.currentTarget), "days").trim();
    try {
      await portalFetch("/api/v1/settings", {
        method: "PATCH",
        body: { retention: { days: text === "" ? null : Number(text) } },
      });
      setMessage({ ok: true, text: "Saved." });
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: failureText(err) });
    }
  };
  return (
    <div className="panel" data-testid="settings-retention">
      <form className="inline-form" method="post" onSubmit={(e) => void onSubmit(e)}>
        <label>
          Keep days (empty: forever)
          <input
            name="days"
            type="number"
            min={RETENTION_MIN_DAYS}
            max={RETENTION_MAX_DAYS}
            step={1}
            defaultValue={days ?? ""}
          />
        </label>
        <button type="submit">Save</button>
        <Status message={message} />
      </form>
    </div>
  );
}

/**
 * Erases the organisation through DELETE /api/v1/tenant once its name is typed; the session then has
 * no organisation, so it is signed out. method="post": before hydration a native submit must not put
 * the name in a URL (the page ignores the POST).
 */
function EraseForm({ organisation }: { organisation: string }) {
  const [message, setMessage] = useState<TMessage>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await portalFetch("/api/v1/tenant", {
        method: "DELETE",
        body: { confirm: formText(new FormData(e.currentTarget), "confirm") },
      });
      await signOut({ redirect: false });
      window.location.assign("/signin");
    } catch (err) {
      setMessage({ ok: false, text: failureText(err) });
      setBusy(false);
    }
  };
  return (
    <div className="panel" data-testid="settings-erase">
      <form className="inline-form" method="post" onSubmit={(e) => void onSubmit(e)}>
        <label className="grow">
          Type <strong>{organisation}</strong> to erase the organisation
          <input name="confirm" type="text" autoComplete="off" spellCheck={false} required />
        </label>
        <button type="submit" className="danger" disabled={busy}>
          Erase organisation
        </button>
        <Status message={message} />
      </form>
    </div>
  );
}

/** The settings page's data section: retention, the whole-tenant export and (owners) the erase. */
export function DataSection(props: {
  organisation: string;
  retentionDays: number | null;
  canErase: boolean;
}) {
  return (
    <>
      <h2>Data</h2>
      <p className="muted">
        Retention: the daily maintenance job deletes rollups and raw uploaded files older than this many days
        (at least {RETENTION_MIN_DAYS}); reports, models and verdicts stay.
      </p>
      <RetentionForm days={props.retentionDays} />
      <p>
        <a href="/api/v1/tenant/export" download data-testid="tenant-export">
          Export all data
        </a>{" "}
        <span className="muted">
          (JSON Lines: every row the organisation owns, without password, key or token hashes)
        </span>
      </p>
      {props.canErase && (
        <>
          <p className="muted">
            Erasing deletes every upload, report, model, verdict, list, feed and member of the organisation,
            and cannot be undone. Export first.
          </p>
          <EraseForm organisation={props.organisation} />
        </>
      )}
    </>
  );
}
