// A static HTML page of the run: each panel as an SVG chart of its query_range series, for a person to look at
// (e.g. in Chromium) beside the printed table. Nothing here is committed: the page holds one run's numbers.
import { writeFile } from 'node:fs/promises';
import { legend } from './evaluate.mjs';

const COLOURS = ['#3b82f6', '#ef4444', '#10b981', '#f59e0b', '#8b5cf6', '#ec4899', '#14b8a6', '#64748b'];
const short = (value) => {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${Number((value / 1e9).toPrecision(3))}G`;
  if (abs >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
};
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);


function chart(lines, { start, end }) {
  const width = 560;
  const height = 150;
  const values = lines.flatMap((line) => line.points.map(([, v]) => v));
  if (!values.length) return `<svg width="${width}" height="${height}"><text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#999">no data</text></svg>`;
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const x = (t) => 40 + ((t * 1000 - start) / (end - start)) * (width - 50);
  const y = (v) => 10 + (1 - (v - min) / span) * (height - 30);
  const paths = lines
    .slice(0, COLOURS.length)
    .map((line, n) => `<polyline fill="none" stroke="${COLOURS[n]}" stroke-width="1.5" points="${line.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`)
    .join('');
  return `<svg width="${width}" height="${height}"><line x1="40" x2="${width - 10}" y1="${y(0)}" y2="${y(0)}" stroke="#ddd"/>` +
    `<text x="36" y="${y(max) + 4}" text-anchor="end" font-size="10">${escape(short(max))}</text>` +
    `<text x="36" y="${y(min) + 4}" text-anchor="end" font-size="10">${escape(short(min))}</text>${paths}</svg>`;
}

/** `panels`: [{title, verdict, ok, targets: [{expr, legendFormat, stats}]}]. */
export async function writeSnapshot(path, { panels, alerts, window, summary }) {
  const cards = panels.map((panel) => {
    const lines = panel.targets.flatMap((target) => target.stats.series.map((s) => ({ name: legend(target.legendFormat, s.labels), points: s.points })));
    const keys = lines.slice(0, COLOURS.length).map((line, n) => `<span style="color:${COLOURS[n]}">■ ${escape(line.name)}</span>`).join(' ');
    const exprs = panel.targets.map((target) => `<code>${escape(target.expr)}</code>`).join('<br>');
    return `<section class="${panel.ok ? 'ok' : 'bad'}"><h2>${escape(panel.title)} <small>${escape(panel.verdict)}</small></h2>${chart(lines, window)}<div class="keys">${keys}</div><details><summary>query</summary>${exprs}</details></section>`;
  });
  const alertRows = alerts
    .map((a) => `<tr><td>${escape(a.name)}</td><td>${escape(a.health)}</td><td>${escape(a.state)}</td><td>${a.firing ? 'holds' : 'false'}</td><td>${escape(a.verdict)}</td></tr>`)
    .join('');
  const html = `<!doctype html><meta charset="utf-8"><title>Payrail dashboard, live run</title>
<style>body{font:13px system-ui,sans-serif;margin:16px;background:#f8fafc}main{display:grid;grid-template-columns:repeat(2,600px);gap:12px}
section{background:#fff;border:1px solid #e2e8f0;padding:8px}section.bad{border-color:#ef4444}h2{font-size:14px;margin:0 0 4px}
small{font-weight:normal;color:#64748b}.keys{font-size:11px}code{font-size:10px;color:#475569}table{border-collapse:collapse;margin-top:12px}td,th{border:1px solid #e2e8f0;padding:2px 8px}</style>
<h1>Payrail dashboard, live run</h1><p>${escape(summary)}</p><main>${cards.join('')}</main>
<h2>Alert rules</h2><table><tr><th>rule</th><th>health</th><th>state</th><th>condition during run</th><th>verdict</th></tr>${alertRows}</table>`;
  await writeFile(path, html);
}
