// The platform operator's role, granted and revoked on the server only (issues #19, #20):
//   npm run operator -- grant someone@example.org
//   npm run operator -- revoke someone@example.org
//   npm run operator -- list
// No route or tenant role reaches User.platformOperator, and the account must already exist: a
// list of addresses in the environment would hand the role to whoever signs up with one first.
// Reads DATABASE_URL (and the secrets key ring) through packages/config like every process.
import { closeDb, listPlatformOperators, NotFoundError, setPlatformOperator } from "@mlsec/db";

const USAGE = "usage: npm run operator -- grant <email> | revoke <email> | list";

async function main(args: string[]): Promise<number> {
  const [command, email] = args;
  if (command === "list" && !email) {
    for (const o of await listPlatformOperators()) console.log(o.email);
    return 0;
  }
  if ((command !== "grant" && command !== "revoke") || !email || args.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  try {
    const r = await setPlatformOperator(email, command === "grant");
    const what = command === "grant" ? "is a platform operator" : "is no longer a platform operator";
    // Revoking takes effect at the account's next request: the flag is read on every one.
    console.log(`${r.email} ${what}${r.changed ? "" : " (unchanged)"}`);
    return 0;
  } catch (err) {
    if (err instanceof NotFoundError) {
      console.error(`no account with the email ${email.trim().toLowerCase()}: it must sign up first`);
      return 1;
    }
    throw err;
  }
}

const code = await main(process.argv.slice(2)).finally(() => closeDb());
process.exit(code);
