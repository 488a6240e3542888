import type { Response } from 'express';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches a page goes through this: merchant-provided text included. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** A self-contained page: no scripts, no outside resources, never cached, never framed, no referrer (URLs carry tokens). */
export function sendHtml(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    })
    .send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f6f8fa; color: #1f2328; margin: 0; padding: 2rem 1rem; }
  main { max-width: 28rem; margin: 0 auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 1.5rem; }
  h1 { font-size: 1.25rem; margin-top: 0; }
  .amount { font-size: 1.75rem; font-weight: 600; margin: 0.5rem 0 1rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 0.4rem 1rem; }
  dt { color: #59636e; } dd { margin: 0; text-align: right; }
  button { font-size: 1rem; padding: 0.6rem 1rem; border-radius: 6px; border: 1px solid #d0d7de; cursor: pointer; width: 100%; margin-top: 0.5rem; }
  button.primary { background: #1f883d; color: #fff; border-color: #1f883d; }
  .note { color: #59636e; font-size: 0.85rem; }
  @media print { body { background: #fff; } main { border: none; } }
</style>
</head>
<body><main>
${body}
</main></body>
</html>`);
}
