"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  // redirect:false and a plain navigation, so the server's NEXTAUTH_URL never decides where we land.
  const onClick = async () => {
    await signOut({ redirect: false });
    window.location.assign("/signin");
  };
  return (
    <button type="button" className="link" onClick={() => void onClick()}>
      Sign out
    </button>
  );
}
