/**
 * Above a credential form: the form needs its script (it signs in through next-auth), so a browser
 * without it is told so up front (noscript) and again after /api/js-required sent its post back.
 */
export function JsRequiredNotice({ cameBack, toDo }: { cameBack: boolean; toDo: string }) {
  const text = `JavaScript is required to ${toDo}.`;
  if (cameBack)
    return (
      <p className="error" role="alert" data-testid="js-required">
        {text} Nothing you typed was kept: enable JavaScript (or wait for the page to finish loading) and try
        again.
      </p>
    );
  return (
    <noscript>
      <p className="error">{text}</p>
    </noscript>
  );
}
