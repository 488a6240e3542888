"""Checks k8s/observability offline: the dashboard JSON and the alert rules YAML parse, have the shape Grafana
and Prometheus read, and every expression names at least one metric, each one Payrail exports: a `payrail_*`
declared in libs/messaging/src/metrics/payrail-metrics.ts, or a Node runtime metric prom-client's default
collectors declare (read from node_modules/prom-client when installed). A renamed metric fails here, not
silently on a dashboard."""
import json
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "k8s/observability/payrail-dashboard.json"
ALERTS = ROOT / "k8s/observability/payrail-alerts.yaml"
METRICS_SOURCE = ROOT / "libs/messaging/src/metrics/payrail-metrics.ts"
PROM_CLIENT_DEFAULTS = ROOT / "node_modules/prom-client/lib/metrics"
# What the exposition adds to a histogram's name.
SUFFIXES = ("_bucket", "_count", "_sum")
METRIC = re.compile(r"\b((?:payrail|process|nodejs)_[a-z0-9_]+)\b")

failures = []


def exported_metrics():
    names = set(re.findall(r"'(payrail_[a-z0-9_]+)'", METRICS_SOURCE.read_text()))
    if PROM_CLIENT_DEFAULTS.is_dir():
        for source in PROM_CLIENT_DEFAULTS.glob("*.js"):
            names.update(re.findall(r"'((?:process|nodejs)_[a-z0-9_]+)'", source.read_text()))
    else:
        print("WARNING: node_modules/prom-client is not installed: process_* and nodejs_* names are not checked")
        names.add("*runtime*")
    return names


def check_expression(where, expr, exported):
    named = METRIC.findall(expr)
    if not named:
        failures.append(f"{where}: the expression names no Payrail metric: {expr!r}")
    for name in named:
        base = next((name[: -len(s)] for s in SUFFIXES if name.endswith(s) and name[: -len(s)] in exported), name)
        runtime_unchecked = "*runtime*" in exported and not base.startswith("payrail_")
        if base not in exported and not runtime_unchecked:
            failures.append(f"{where}: {name} is not a metric Payrail exports")


def main():
    exported = exported_metrics()
    dashboard = json.loads(DASHBOARD.read_text())
    panels = dashboard.get("panels")
    if not isinstance(panels, list) or not panels or not dashboard.get("uid") or not dashboard.get("title"):
        failures.append(f"{DASHBOARD.name}: a dashboard needs a title, a uid and panels")
    for panel in panels or []:
        targets = panel.get("targets") or []
        if not targets:
            failures.append(f"{DASHBOARD.name}: panel {panel.get('title')!r} has no query")
        for target in targets:
            check_expression(f"{DASHBOARD.name} panel {panel.get('title')!r}", target.get("expr", ""), exported)

    rules = yaml.safe_load(ALERTS.read_text())
    groups = rules.get("groups") if isinstance(rules, dict) else None
    if not isinstance(groups, list) or not groups:
        failures.append(f"{ALERTS.name}: a rule file needs `groups`")
    for group in groups or []:
        for rule in group.get("rules") or []:
            if not rule.get("alert") or not isinstance(rule.get("expr"), str):
                failures.append(f"{ALERTS.name}: every rule needs `alert` and `expr`: {rule!r}")
                continue
            check_expression(f"{ALERTS.name} {rule['alert']}", rule["expr"], exported)

    for failure in failures:
        print(f"FAILED: {failure}")
    count = sum(len(p.get("targets") or []) for p in panels or []) + sum(len(g.get("rules") or []) for g in groups or [])
    print(f"{count} expressions checked against {len(exported)} exported metrics")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
