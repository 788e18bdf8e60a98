import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  closeDb,
  createInvitation,
  getMembership,
  peekInvitation,
  removeMember,
  revokeInvitation,
  ConflictError,
  NotFoundError,
} from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { sendInvitationEmail } from "../src/send-invitation-email.ts";
import { createSmtpSink } from "./smtp-sink.ts";

const smtp = createSmtpSink();
const { mails } = smtp;
let env = { SMTP_URL: "", SMTP_FROM: "mlsec <noreply@example.test>", PORTAL_URL: "https://mlsec.example/" };

beforeAll(async () => {
  env = { ...env, SMTP_URL: await smtp.listen() };
});
afterAll(async () => {
  await smtp.close();
  await closeDb();
});

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;

describe("invitation emails", () => {
  it("mails the accept link to the invited address; the token in it accepts the invitation once", async () => {
    const t = await seedTenant("invite-mail");
    const email = unique("invitee");
    const inv = await createInvitation({ tenantId: t.tenantId, email, role: "analyst" });
    const job = { tenantId: t.tenantId, invitationId: inv.id, token: inv.token };
    expect(await sendInvitationEmail(job, env)).toBe("sent");
    const mail = mails.find((m) => m.to.includes(email));
    const text = (mail?.text ?? "").replace(/=\r?\n/g, "");
    const link = /https:\/\/mlsec\.example\/invite\/(\S+)/.exec(text)?.[1] ?? "";
    expect(decodeURIComponent(link)).toBe(inv.token);
    expect(text).toContain("as analyst");

    expect(await peekInvitation(inv.token)).toMatchObject({ email, role: "analyst", hasAccount: false });
    const joined = await acceptInvitation({ token: decodeURIComponent(link), password: "invitee-pass-1" });
    expect((await getMembership(joined.userId, t.tenantId))?.role).toBe("analyst");
    expect(await peekInvitation(inv.token)).toBeNull();
    // A retried job after acceptance sends nothing.
    const before = mails.length;
    expect(await sendInvitationEmail(job, env)).toBe("skipped");
    expect(mails.length).toBe(before);
  });

  it("sends nothing without SMTP, for a token that does not match, or for another tenant's invitation", async () => {
    const t = await seedTenant("invite-skip");
    const other = await seedTenant("invite-other");
    const inv = await createInvitation({ tenantId: t.tenantId, email: unique("skip"), role: "viewer" });
    const before = mails.length;
    expect(
      await sendInvitationEmail(
        { tenantId: t.tenantId, invitationId: inv.id, token: inv.token },
        { ...env, SMTP_URL: undefined },
      ),
    ).toBe("skipped");
    expect(
      await sendInvitationEmail({ tenantId: t.tenantId, invitationId: inv.id, token: `${inv.token}x` }, env),
    ).toBe("skipped");
    expect(
      await sendInvitationEmail({ tenantId: other.tenantId, invitationId: inv.id, token: inv.token }, env),
    ).toBe("skipped");
    expect(mails.length).toBe(before);
    // Withdrawn: another tenant cannot, this one can, and the token then accepts nothing.
    await expect(revokeInvitation({ tenantId: other.tenantId, id: inv.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await revokeInvitation({ tenantId: t.tenantId, id: inv.id });
    expect(await peekInvitation(inv.token)).toBeNull();
    await expect(acceptInvitation({ token: inv.token, password: "whatever-1" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("removing members", () => {
  it("removes a member, keeps the last owner, and answers NotFound for another tenant's member", async () => {
    const t = await seedTenant("remove");
    const other = await seedTenant("remove-other");
    const inv = await createInvitation({ tenantId: t.tenantId, email: unique("member"), role: "viewer" });
    const member = await acceptInvitation({ token: inv.token, password: "member-pass-1" });
    await expect(removeMember({ tenantId: other.tenantId, userId: member.userId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await removeMember({ tenantId: t.tenantId, userId: member.userId })).toEqual({
      userId: member.userId,
      role: "viewer",
    });
    expect(await getMembership(member.userId, t.tenantId)).toBeNull();
    await expect(removeMember({ tenantId: t.tenantId, userId: t.userId })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await getMembership(t.userId, t.tenantId))?.role).toBe("owner");
  });
});
