// Evaluates what Grafana and Prometheus would: every dashboard panel target with its template variables
// substituted as Grafana does, and every alert rule's expression, over the run (query_range), and judges each
// panel against what the load should have shown on it.

/** What the live load is expected to show on each panel; a panel not listed here must move (a value above 0). */
export const PANEL_EXPECTATIONS = {
  // Gauges read at scrape time: present on every scrape, 0 whenever the relay has caught up.
  'Outbox backlog': 'data',
  'Outbox: oldest unpublished and relay lag p99': 'data',
  // Events wait for their consumers only for moments under this load: present, mostly 0.
  'Consumer lag (events not yet handled)': 'data',
  // Nothing the load does makes a consumer fail: this panel stays empty unless something is wrong.
  'Event handling failures': 'quiet',
};

/** Alert rules whose condition the load makes true (the failing webhook endpoint); the others must stay false. */
export const ALERTS_THE_LOAD_TRIGGERS = new Set(['PayrailWebhookFailures']);

/** Grafana's built-in interval variables for a panel queried with `step`, plus the dashboard's own variables. */
export function grafanaVariables({ stepSeconds, scrapeSeconds, rangeSeconds, dashboard }) {
  const variables = {
    // Grafana: max($__interval + scrape interval, 4 × scrape interval), so a rate always spans 4 scrapes.
    __rate_interval: `${Math.max(stepSeconds + scrapeSeconds, 4 * scrapeSeconds)}s`,
    __interval: `${stepSeconds}s`,
    __interval_ms: String(stepSeconds * 1000),
    __range: `${rangeSeconds}s`,
    __range_s: String(rangeSeconds),
    __range_ms: String(rangeSeconds * 1000),
  };
  for (const variable of dashboard.templating?.list ?? []) {
    const current = variable.current?.value ?? variable.query;
    if (typeof current === 'string') variables[variable.name] = current;
  }
  return variables;
}

export function substitute(expr, variables) {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g, (whole, braced, bracketed, bare) => {
    const name = braced ?? bracketed ?? bare;
    if (!(name in variables)) throw new Error(`unknown template variable ${whole} in ${expr}`);
    return variables[name];
  });
}

/** The top-level `or` branches of an alert expression, each as {signal, comparison}: what to plot, and its threshold. */
export function alertConditions(expr) {
  const branches = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < expr.length; i += 1) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('({['.includes(c)) depth += 1;
    else if (')}]'.includes(c)) depth -= 1;
    else if (depth === 0 && /\sor\s/.test(expr.slice(i - 1, i + 3)) && c === 'o') {
      branches.push(expr.slice(start, i));
      start = i + 2;
    }
  }
  branches.push(expr.slice(start));
  return branches.map((branch) => {
    const match = /^([\s\S]*\S)\s*(>=|<=|==|!=|>|<)\s*(-?[0-9.]+(?:e-?\d+)?)\s*$/.exec(branch.trim());
    return match ? { signal: match[1], comparison: `${match[2]} ${match[3]}` } : { signal: branch.trim(), comparison: '' };
  });
}

/** query_range over [start, end]; the series with their finite values, and min/max/last over all of them. */
export async function rangeStats(prometheus, query, { start, end, stepSeconds }) {
  const data = await prometheus.api('query_range', { query, start: start / 1000, end: end / 1000, step: stepSeconds });
  const series = data.result.map((s) => ({
    labels: s.metric,
    points: s.values.map(([t, v]) => [Number(t), Number(v)]).filter(([, v]) => Number.isFinite(v)),
  }));
  const values = series.flatMap((s) => s.points.map(([, v]) => v));
  const lasts = series.filter((s) => s.points.length).map((s) => s.points.at(-1)[1]);
  const peak = series.find((s) => s.points.some(([, v]) => v === Math.max(...values)));
  return {
    peak: peak?.labels,
    series,
    count: series.filter((s) => s.points.length).length,
    min: values.length ? Math.min(...values) : undefined,
    max: values.length ? Math.max(...values) : undefined,
    last: lasts.length ? Math.max(...lasts) : undefined,
  };
}

/** A series' name as the panel's legend shows it. */
export function legend(format, labels) {
  if (!format) return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'value';
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => labels[name] ?? '');
}

export function judgePanel(expectation, stats) {
  if (expectation === 'quiet') return { ok: true, verdict: stats.count ? 'data (unexpected)' : 'empty (expected)' };
  if (!stats.count) return { ok: false, verdict: 'NO DATA' };
  if (expectation === 'data') return { ok: true, verdict: 'ok' };
  return stats.max > 0 ? { ok: true, verdict: 'ok' } : { ok: false, verdict: 'FLAT 0' };
}

const number = (value) => {
  if (value === undefined) return '-';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  return abs >= 1e5 || abs < 1e-3 ? value.toExponential(2) : String(Number(value.toPrecision(3)));
};

export function formatRow(name, stats, verdict) {
  const cut = name.length > 46 ? `${name.slice(0, 45)}…` : name;
  return `${cut.padEnd(47)}${String(stats.count).padStart(6)}  ${number(stats.min).padStart(9)}  ${number(stats.max).padStart(9)}  ${number(stats.last).padStart(9)}  ${verdict}`;
}

export const TABLE_HEADER = `${'panel / rule'.padEnd(47)}${'series'.padStart(6)}  ${'min'.padStart(9)}  ${'max'.padStart(9)}  ${'last'.padStart(9)}  verdict`;
