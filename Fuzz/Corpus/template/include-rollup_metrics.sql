-- One row per (day, name) for the data interval; safe to re-run: it replaces the day.
DELETE FROM metrics_daily WHERE day = {{ data_interval_start.in_timezone(dag.timezone) | ds | sql_literal }}::date;
INSERT INTO metrics_daily (day, name, readings)
SELECT {{ data_interval_start.in_timezone(dag.timezone) | ds | sql_literal }}::date, name, count(*)
FROM metrics
WHERE "timestamp" >= {{ data_interval_start | ts | sql_literal }}::timestamptz
  AND "timestamp" <  {{ data_interval_end | ts | sql_literal }}::timestamptz
GROUP BY name;
