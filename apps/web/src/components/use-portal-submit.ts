"use client";

import type { FormEvent } from "react";
import { usePortalAction } from "./use-portal-action.ts";

/**
 * The admin forms' submit: `send` gets the form's fields and calls the API; on success the form is
 * cleared (then, as for every portal action, the page's server data re-read).
 */
export function usePortalSubmit(send: (form: FormData) => Promise<void>) {
  const { busy, error, run } = usePortalAction(async (formEl: HTMLFormElement) => {
    await send(new FormData(formEl));
    formEl.reset();
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    run(e.currentTarget);
  };
  return { busy, error, onSubmit };
}
