/**
 * Where the credential forms (sign-in, sign-up, invitation) post when the page's JavaScript never
 * ran: disabled, blocked, or not loaded yet. Without this a form submits natively, and as a GET
 * that puts the password in the address bar, the history and every log on the way. The body is
 * never read, so what was typed goes nowhere; a 303 (the follow-up is a GET) sends the browser back
 * to the form, which then says JavaScript is required.
 */
import { JS_REQUIRED_PARAM } from "@/lib/js-required.ts";
import { noStore } from "@/lib/no-store.ts";

// Only the portal's own credential pages, so the redirect cannot be pointed at another site.
const FORM_PAGES = /^\/(?:signin|signup|invite\/[A-Za-z0-9_%.~-]{1,600})$/;

export function POST(request: Request): Response {
  const from = new URL(request.url).searchParams.get("from") ?? "";
  const back = FORM_PAGES.test(from) ? from : "/signin";
  return new Response(null, {
    status: 303,
    headers: noStore({ Location: `${back}?${JS_REQUIRED_PARAM}=1` }),
  });
}
