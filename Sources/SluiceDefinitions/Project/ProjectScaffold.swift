import Foundation

/// The files `sluice init` writes: a project that validates at once and runs once its connection and
/// destination are set in `.env`.
public enum ProjectScaffold {
    /// Relative path and content of each file, in the order they are written.
    public static let files: [(path: String, content: String)] = [
        (Project.fileName, """
            # A Sluice project: commands run from this folder or any folder below it find it.
            # Every setting is optional; an environment variable (also from .env) overrides it, and a flag
            # overrides both. See `sluice --help` and docs/projects.md.
            dags_folder: dags            # SLUICE_DAGS_FOLDER
            home: .sluice                # SLUICE_HOME: the metadata store and task logs
            # parallelism: 8             # SLUICE_PARALLELISM: task attempts at once (default 2 x cores)
            # shutdown_grace: 30s        # SLUICE_SHUTDOWN_GRACE: time running statements get after SIGTERM
            # log_format: text           # SLUICE_LOG_FORMAT: text or json
            # default_timezone: UTC      # SLUICE_DEFAULT_TIMEZONE: the zone of DAGs that name none

            """),
        ("dags/example_export.yaml", """
            # Every day, the rows of public.orders created in the data interval (yesterday, UTC) become
            # Parquet files in the `lake` destination, checked before they are published.
            # Try it: sluice dags validate; sluice dags test example_export 2026-01-01
            dag_id: example_export
            description: Daily Parquet export of public.orders' new rows
            schedule: "@daily"
            start_date: 2026-01-01
            catchup: false
            tags: [example, export]
            default_args: {connection: warehouse, retries: 2, retry_delay: 1m, execution_timeout: 1h}
            tasks:
              - task_id: export_orders
                type: export
                table: public.orders
                timestamp_column: created_at
                mode: delta
                format: parquet
                compression: zstd
                destination: lake
                path: "orders/day={{ ds }}"
                audits:
                  - row_count_matches_source

            """),
        ("include/README.md", """
            SQL files and `for_each` lists that DAG files include (`sql: include/rollup.sql`,
            `for_each: include/tables.yaml`) live here; paths are relative to the project root.

            """),
        (".env.example", """
            # Copy to .env (which git ignores) and fill in. Variables set in the shell win over .env.
            # A connection `warehouse` for DAG files' `connection: warehouse`:
            SLUICE_CONN_WAREHOUSE=postgresql://user:password@localhost:5432/warehouse
            # A destination `lake` for export tasks' `destination: lake` (or s3://bucket/prefix):
            SLUICE_DEST_LAKE=file:///var/lib/sluice/lake

            """),
        (".gitignore", """
            .sluice/
            .env
            lake/

            """),
    ]
}
