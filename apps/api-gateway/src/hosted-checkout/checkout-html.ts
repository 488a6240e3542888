import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { escapeHtml } from '../common/html.js';

export interface CheckoutDocument {
  title: string;
  lang: string;
  body: string;
  /** The page's one script, allowed by a per-response nonce; none when omitted. */
  script?: string;
  /** Origins a form on the page may end up at after a redirect (the merchant's success page). */
  formTargets?: string[];
  /** Seconds after which the page reloads itself (a payment still with the gateway). */
  refreshSeconds?: number;
  /** Origins the page's script may open connections to (the payment's status stream); none when omitted. */
  connectSources?: string[];
}

/**
 * The hosted page's styles: system fonts, contrast of at least 4.5:1 for text (WCAG AA), a visible
 * focus ring, one column that fits a 320 px phone and centres on wider screens.
 */
const STYLES = `
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f6f8;color:#1a1f36;margin:0;padding:1rem}
main{max-width:30rem;margin:0 auto;background:#fff;border:1px solid #d5dae1;border-radius:10px;padding:1.25rem}
h1{font-size:1.1rem;margin:0 0 .25rem;font-weight:600}
h2{font-size:1rem;margin:1.25rem 0 .5rem}
.merchant{color:#4f566b;margin:0;font-weight:600}
.badge{display:inline-block;background:#ffe8b3;color:#6b4700;border-radius:4px;padding:0 .4rem;font-size:.8rem;margin-left:.4rem}
.total{font-size:1.9rem;font-weight:700;margin:.25rem 0 1rem}
ul.items{list-style:none;margin:0;padding:0;border-top:1px solid #e3e8ee}
ul.items li{display:flex;justify-content:space-between;gap:1rem;padding:.6rem 0;border-bottom:1px solid #e3e8ee}
.item-name{font-weight:600}.item-meta{color:#4f566b;font-size:.875rem}
dl.totals{display:grid;grid-template-columns:1fr auto;gap:.25rem 1rem;margin:.75rem 0 0}
dl.totals dt{color:#4f566b}dl.totals dd{margin:0;text-align:right}
dl.totals .due{font-weight:700;color:#1a1f36}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:600;margin:1rem 0 .25rem;padding:0}
label{display:block;font-size:.9rem;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;font-size:1rem;padding:.65rem .75rem;border:1px solid #8792a2;border-radius:6px;background:#fff;color:#1a1f36}
.row{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;align-items:end}
:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
button{width:100%;margin-top:1.25rem;font-size:1.05rem;font-weight:600;padding:.8rem 1rem;border:0;border-radius:6px;background:#0b6b3a;color:#fff;cursor:pointer}
button[disabled]{background:#4f566b;cursor:progress}
.error{background:#fdecea;color:#8a1c12;border:1px solid #f5c2bc;border-radius:6px;padding:.6rem .75rem;margin:.5rem 0}
.hint{color:#4f566b;font-size:.85rem;margin:.25rem 0 0}
a{color:#0a58ca}
.cancel{display:block;text-align:center;margin-top:1rem}
footer{color:#4f566b;font-size:.8rem;text-align:center;margin-top:1rem}
@media (min-width:48rem){body{padding:3rem 1rem}}
`;

/**
 * Sends a hosted checkout page: everything inline and served from here, under a Content-Security-Policy
 * that allows only this response's own style and script (by nonce), forms posting back here, no
 * framing, no referrer to other sites (the URL is the session's credential), never cached.
 */
export function sendCheckoutPage(res: Response, status: number, page: CheckoutDocument): void {
  const nonce = randomBytes(16).toString('base64');
  const formAction = ["'self'", ...(page.formTargets ?? [])].join(' ');
  const connect = page.connectSources?.length ? ` connect-src ${page.connectSources.join(' ')};` : '';
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // Not no-referrer: under it Chrome sends `Origin: null` with the page's own form post.
      'Referrer-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action ${formAction};${connect} base-uri 'none'; frame-ancestors 'none'`,
    })
    .send(`<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${page.refreshSeconds ? `<meta http-equiv="refresh" content="${page.refreshSeconds}">` : ''}
<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">${STYLES}</style>
</head>
<body><main>
${page.body}
</main>
${page.script ? `<script nonce="${nonce}">${page.script}</script>` : ''}
</body>
</html>`);
}
