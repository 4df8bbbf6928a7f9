-- A small `metrics` table shaped like the CrateDB tutorial's (hash_id, timestamp, name, tags, fields),
-- :rows rows spread over the 30 days before today (UTC). Used by `make demo`.
DROP TABLE IF EXISTS metrics;
CREATE TABLE metrics (hash_id BIGINT, "timestamp" TIMESTAMPTZ, name TEXT, tags JSONB, fields JSONB);
INSERT INTO metrics
SELECT hashtextextended(n || h, 0),
       date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '30 days' + (i * interval '30 days' / :rows),
       n,
       jsonb_build_object('host', h, 'region', (ARRAY['eu-west-1', 'us-east-1', 'ap-southeast-1'])[1 + i % 3]),
       jsonb_build_object('value', round((random() * 100)::numeric, 2), 'count', (random() * 1000)::int)
FROM generate_series(0, :rows - 1) AS i,
     LATERAL (SELECT (ARRAY['cpu', 'mem', 'disk', 'net', 'load'])[1 + i % 5] AS n, 'h' || (i % 20) AS h) AS x;
CREATE INDEX ON metrics ("timestamp");
SELECT count(*) AS rows, min("timestamp")::date AS first_day, max("timestamp")::date AS last_day FROM metrics;
