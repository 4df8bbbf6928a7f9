SELECT c0, count(*) FROM src WHERE k = '{{ params.table }}'
SELECT c1, count(*) FROM src WHERE k = '{{ params.timestamp_column }}'
SELECT c2, count(*) FROM src WHERE k = '{{ ds }}'
SELECT c3, count(*) FROM src WHERE k = '{{ macros.ds_add(ds, -1) }}'
SELECT c4, count(*) FROM src WHERE k = '{{ ds_nodash }}'
SELECT c5, count(*) FROM src WHERE k = '{{ params.target_bucket }}'
SELECT c6, count(*) FROM src WHERE k = '{{ ts }}'
SELECT c7, count(*) FROM src WHERE k = '{{ data_interval_start }}'
SELECT c8, count(*) FROM src WHERE k = '{{ data_interval_end }}'
SELECT c9, count(*) FROM src WHERE k = '{{ run_id }}'
SELECT c10, count(*) FROM src WHERE k = '{{ params.table | upper }}'
SELECT c11, count(*) FROM src WHERE k = '{{ dag.dag_id }}'
SELECT c12, count(*) FROM src WHERE k = '{{ task.task_id }}'
SELECT c13, count(*) FROM src WHERE k = '{{ ts_nodash }}'
SELECT c14, count(*) FROM src WHERE k = '{{ macros.ds_add(ds, 7) }}'
SELECT c15, count(*) FROM src WHERE k = '{{ params.schema | default('public') }}'
SELECT c16, count(*) FROM src WHERE k = '{{ logical_date.strftime('%Y') }}'
SELECT c17, count(*) FROM src WHERE k = '{{ params.table ~ '_' ~ ds_nodash }}'
SELECT c18, count(*) FROM src WHERE k = '{{ task_instance_key_str }}'
SELECT c19, count(*) FROM src WHERE k = '{{ data_interval_end | ds }}'
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
-- keep rows of the interval, join dimensions, drop deleted rows
---------------------------
