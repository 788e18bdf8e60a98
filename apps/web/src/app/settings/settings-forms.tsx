"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { formText } from "@/lib/form-text.ts";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

/** One settings section: PATCH /api/v1/settings with what `body` builds from the form, then refresh. */
function SettingsSection({
  name,
  body,
  children,
}: {
  name: string;
  body: (form: FormData) => unknown;
  children: ReactNode;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await portalFetch("/api/v1/settings", { method: "PATCH", body: body(new FormData(e.currentTarget)) });
      setMessage({ ok: true, text: "Saved." });
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: failureText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel" data-testid={`settings-${name}`}>
      {/* A native submit before hydration posts to this page, which ignores it: a GET would put the
          webhook secret in the URL. */}
      <form className="inline-form" method="post" onSubmit={(e) => void onSubmit(e)}>
        {children}
        <button type="submit" disabled={busy}>
          Save
        </button>
        {message && (
          <span className={message.ok ? "ok-text" : "error"} role="status">
            {message.text}
          </span>
        )}
      </form>
    </div>
  );
}

const num = (form: FormData, name: string): number => Number(formText(form, name));

export function TriageForm({ block, review }: { block: number; review: number }) {
  return (
    <SettingsSection
      name="triage"
      body={(f) => ({ triage: { block: num(f, "block"), review: num(f, "review") } })}
    >
      <label>
        Block at or above
        <input name="block" type="number" min={0} max={1} step={0.01} defaultValue={block} required />
      </label>
      <label>
        Review at or above
        <input name="review" type="number" min={0} max={1} step={0.01} defaultValue={review} required />
      </label>
    </SettingsSection>
  );
}

export function NotificationsForm({
  webhookUrl,
  secretSet,
  notifyEmail,
}: {
  webhookUrl: string;
  secretSet: boolean;
  notifyEmail: string;
}) {
  return (
    <SettingsSection
      name="notifications"
      body={(f) => {
        const secret = formText(f, "secret");
        return {
          notifications: {
            webhookUrl: formText(f, "webhook").trim(),
            notifyEmail: formText(f, "email").trim(),
            ...(secret ? { webhookSecret: secret } : {}),
          },
        };
      }}
    >
      <label>
        Webhook URL
        <input name="webhook" type="url" defaultValue={webhookUrl} placeholder="https://siem.example/hook" />
      </label>
      <label>
        Webhook secret {secretSet ? "(set; leave empty to keep)" : ""}
        <input name="secret" type="password" autoComplete="new-password" minLength={8} />
      </label>
      <label>
        Email
        <input name="email" type="email" defaultValue={notifyEmail} placeholder="soc@example.com" />
      </label>
    </SettingsSection>
  );
}

/** Rules as JSON: the same document `mlsec rank --clusters` and `mlsec admin set-rules --file` read. */
export function RulesForm({ rules }: { rules: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <SettingsSection
      name="rules"
      body={(f) => {
        if (f.get("defaults") === "on") return { rules: null };
        try {
          setError(null);
          return { rules: JSON.parse(formText(f, "rules")) as unknown };
        } catch (err) {
          // Sent anyway as text: the API answers what is wrong with it.
          setError(`Not JSON: ${failureText(err)}`);
          return { rules: formText(f, "rules") };
        }
      }}
    >
      <label className="grow">
        Rules (JSON)
        <textarea name="rules" rows={14} defaultValue={rules} spellCheck={false} className="mono" />
      </label>
      <div className="checks">
        <label>
          <input type="checkbox" name="defaults" /> use the built-in rules
        </label>
      </div>
      {error && <span className="error">{error}</span>}
    </SettingsSection>
  );
}
