-- Session rotation: a session carries the user's sessionVersion from its sign-in and is refused
-- once the version moves on (a role change bumps it). Existing users start at 0, as do sessions
-- issued before this column existed, so nobody is signed out by the deploy itself.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
