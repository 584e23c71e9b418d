/**
 * Duration histograms with fixed log-scale buckets (docs/reports.md): bucket 0 holds durations
 * under one second, bucket i ≥ 1 holds [2^((i-1)/4), 2^(i/4)) seconds, so each bucket is about
 * 19 % wider than the one before and 100 buckets reach past 30 years. Histograms of any cells
 * add up bucket by bucket, so a percentile read from the sum is exact to the bucket.
 */
export const BUCKETS_PER_DOUBLING = 4;
export const BUCKET_COUNT = 100;

/** The bucket a duration (seconds) falls in. */
export const bucketOf = (seconds: number): number => {
  if (!(seconds >= 1)) return 0;
  const index = Math.floor(Math.log2(seconds) * BUCKETS_PER_DOUBLING) + 1;
  // Floating point may put an exact bound one bucket low or high: check against the bounds.
  let bucket = Math.min(BUCKET_COUNT - 1, index);
  while (bucket > 1 && seconds < lowerBound(bucket)) bucket--;
  while (bucket < BUCKET_COUNT - 1 && seconds >= lowerBound(bucket + 1)) bucket++;
  return bucket;
};

/** The smallest duration of a bucket (seconds). */
export const lowerBound = (bucket: number): number =>
  bucket <= 0 ? 0 : 2 ** ((bucket - 1) / BUCKETS_PER_DOUBLING);

/** The figure a report shows for a bucket: its geometric middle, in whole seconds (bucket 0: 0). */
export const representative = (bucket: number): number =>
  bucket <= 0 ? 0 : Math.round(Math.sqrt(lowerBound(bucket) * lowerBound(bucket + 1)));

/** Counts per bucket (sparse), with the exact sum and count for the average. */
export interface Histogram {
  buckets: Map<number, number>;
  count: number;
  sumSeconds: number;
}

export const emptyHistogram = (): Histogram => ({ buckets: new Map(), count: 0, sumSeconds: 0 });

export const addTo = (histogram: Histogram, bucket: number, count: number): void => {
  if (!count) return;
  histogram.buckets.set(bucket, (histogram.buckets.get(bucket) ?? 0) + count);
};

/**
 * The nearest-rank percentile (the smallest recorded duration with at least `p` of all at or
 * below it), as its bucket's representative; null when nothing was recorded.
 */
export const percentile = (histogram: Histogram, p: number): number | null => {
  const total = [...histogram.buckets.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...histogram.buckets.keys()].sort((a, b) => a - b)) {
    seen += histogram.buckets.get(bucket) ?? 0;
    if (seen >= rank) return representative(bucket);
  }
  return null;
};

export interface DurationSummary {
  p50: number | null;
  p90: number | null;
  avgSeconds: number | null;
}

export const summarize = (histogram: Histogram): DurationSummary => ({
  p50: percentile(histogram, 0.5),
  p90: percentile(histogram, 0.9),
  avgSeconds: histogram.count ? Math.round(histogram.sumSeconds / histogram.count) : null,
});
