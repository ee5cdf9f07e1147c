-- Latency histograms with fixed buckets. Rollups store one histogram per group; histograms
-- add up element by element, so percentiles stay correct over any combination of groups and
-- time buckets (a percentile of percentiles would not).

-- Lower bounds in milliseconds of the histogram buckets: bucket i holds durations in
-- [bounds[i], bounds[i + 1]), and the last bucket everything from 60000 ms up.
-- Changing these values invalidates every stored histogram: add a new function instead.
CREATE FUNCTION tracking_latency_bounds() RETURNS double precision[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY[0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500,
                 2000, 3000, 5000, 7500, 10000, 15000, 30000, 60000]::double precision[]
$$;

COMMENT ON FUNCTION tracking_latency_bounds() IS 'Lower bounds (ms) of the fixed latency histogram buckets';

-- The 1-based histogram bucket of a duration; negative durations count in the first bucket.
CREATE FUNCTION tracking_latency_bucket(duration_ms double precision) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT greatest(width_bucket(duration_ms, tracking_latency_bounds()), 1)
$$;

-- Builds a full-length histogram from (bucket, count) pairs; missing buckets count zero.
CREATE FUNCTION tracking_histogram_of(buckets integer[], counts bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg(coalesce(c.n, 0) ORDER BY g.i)
    FROM generate_series(1, cardinality(tracking_latency_bounds())) AS g(i)
    LEFT JOIN (SELECT b, sum(n)::bigint AS n FROM unnest(buckets, counts) AS u(b, n) GROUP BY b) c ON c.b = g.i
$$;

-- Element-wise sum of two histograms; null stands for "no histogram yet".
CREATE FUNCTION tracking_histogram_add(a bigint[], b bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN a IS NULL THEN b
        WHEN b IS NULL THEN a
        ELSE ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0)
                   FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i) ORDER BY i)
    END
$$;

CREATE AGGREGATE tracking_histogram_sum(bigint[]) (
    SFUNC = tracking_histogram_add,
    STYPE = bigint[],
    COMBINEFUNC = tracking_histogram_add,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE tracking_histogram_sum(bigint[]) IS 'Adds latency histograms element by element';

-- The p-quantile (0 < p <= 1) of a histogram, interpolating linearly inside the bucket
-- that holds the rank p * total; the open last bucket ends at max_ms, and the result never
-- exceeds max_ms. Null when the histogram is empty.
CREATE FUNCTION tracking_histogram_percentile(histogram bigint[], p double precision, max_ms double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH buckets AS (
        SELECT h.i,
               h.n,
               sum(h.n) OVER (ORDER BY h.i) AS cumulative,
               (tracking_latency_bounds())[h.i] AS lower_ms,
               coalesce((tracking_latency_bounds())[h.i + 1], greatest(max_ms, (tracking_latency_bounds())[h.i]))
                   AS upper_ms
        FROM unnest(histogram) WITH ORDINALITY AS h(n, i)
    ), total AS (
        SELECT sum(n) AS n FROM buckets
    )
    SELECT least(b.lower_ms + (b.upper_ms - b.lower_ms) * (p * t.n - (b.cumulative - b.n)) / b.n, max_ms)
    FROM buckets b, total t
    WHERE t.n > 0 AND b.n > 0 AND b.cumulative >= p * t.n
    ORDER BY b.i
    LIMIT 1
$$;

COMMENT ON FUNCTION tracking_histogram_percentile(bigint[], double precision, double precision)
    IS 'Quantile p of a latency histogram, interpolated inside its bucket and capped at max_ms';
