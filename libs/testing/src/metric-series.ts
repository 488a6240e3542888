import type { PayrailMetrics } from '@payrail/messaging';

/** A value as prom-client returns it; a histogram's parts also name themselves (`…_count`). */
interface SeriesValue {
  value: number;
  labels: Partial<Record<string, string | number>>;
  metricName?: string;
}

/**
 * The value of one series in a registry: `name` as exposed (`…_count`, `…_sum`, `…_bucket` for a
 * histogram's parts), and the series whose labels include `labels`. Summed over matching series;
 * `undefined` when none exists, which a spec tells apart from 0.
 */
export async function seriesValue(metrics: PayrailMetrics, name: string, labels: Readonly<Record<string, string>> = {}): Promise<number | undefined> {
  const family = name.replace(/_(count|sum|bucket)$/, '');
  const metric = metrics.registry.getSingleMetric(family) ?? metrics.registry.getSingleMetric(name);
  if (!metric) return undefined;
  const values: SeriesValue[] = (await metric.get()).values;
  const matching = values.filter(
    (value) => (value.metricName ?? family) === name && Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted),
  );
  return matching.length === 0 ? undefined : matching.reduce((sum, value) => sum + value.value, 0);
}
