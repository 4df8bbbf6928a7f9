import XCTest
import SluiceCore
@testable import SluiceTemplates

final class AirflowContextTests: XCTestCase {
    /// A Berlin daily run for local midnight of 2021-03-28: logical date 2021-03-27T23:00Z.
    func makeRun() -> AirflowRunInfo {
        AirflowRunInfo(
            dagId: "export", taskId: "copy", params: ["table": "doc.t", "days": 3],
            logicalDate: Date(timeIntervalSince1970: 1_616_886_000),
            dataIntervalStart: Date(timeIntervalSince1970: 1_616_886_000),
            dataIntervalEnd: Date(timeIntervalSince1970: 1_616_968_800),
            runAfter: Date(timeIntervalSince1970: 1_616_968_800),
            runId: "scheduled__2021-03-27T23:00:00+00:00", runType: "scheduled", conf: ["full": true],
            dagTimeZone: TimeZone(identifier: "Europe/Berlin")!, tryNumber: 2,
            environment: ["BUCKET": "lake"], variables: ["region": "eu", "cfg": "{\"limit\": 5, \"tags\": [\"a\"]}"])
    }

    func testContextNamesMatchAirflow() {
        let variables = AirflowContext.variables(for: makeRun())
        assertRenders([
            RenderCase("{{ ds }} {{ ds_nodash }}", "2021-03-27 20210327"),
            RenderCase("{{ ts }} {{ ts_nodash }} {{ ts_nodash_with_tz }}", "2021-03-27T23:00:00+00:00 20210327T230000 20210327T230000+0000"),
            RenderCase("{{ logical_date }}", "2021-03-27 23:00:00+00:00"),
            RenderCase("{{ logical_date.in_timezone(dag.timezone) }}", "2021-03-28 00:00:00+01:00"),
            RenderCase("{{ data_interval_end.in_timezone(dag.timezone) }}", "2021-03-29 00:00:00+02:00"),
            RenderCase("{{ dag.timezone }}", "Europe/Berlin"),
            RenderCase("{{ data_interval_start }} / {{ data_interval_end | ds }}", "2021-03-27 23:00:00+00:00 / 2021-03-28"),
            RenderCase("{{ prev_data_interval_start_success }}", "None"),
            RenderCase("{{ dag.dag_id }} {{ task.task_id }} {{ task.dag_id }}", "export copy export"),
            RenderCase("{{ dag_run.run_id }} {{ dag_run.run_type }} {{ dag_run.conf.full }} {{ dag_run.run_after | ds }}",
                       "scheduled__2021-03-27T23:00:00+00:00 scheduled True 2021-03-28"),
            RenderCase("{{ ti.try_number }} {{ task_instance.task_id }} {{ ti.run_id == run_id }}", "2 copy True"),
            RenderCase("{{ task_instance_key_str }}", "export__copy__20210327"),
            RenderCase("{{ params.table }} {{ params.days + 1 }}", "doc.t 4"),
            RenderCase("{{ var.value.region }} {{ var.json.cfg.limit }} {{ var.json.cfg.tags[0] }}", "eu 5 a"),
            RenderCase("{{ var.value.get('nope', 'dflt') }}", "dflt"),
            RenderCase("{{ env.BUCKET }}", "lake"),
            RenderCase("{{ conf.full }}", "True"),
            RenderCase("{{ macros.ds_add(ds, -1) }}", "2021-03-26"),
        ], variables)
    }

    func testPreviousSuccessfulRunGivesItsIntervalAndTimesOrNone() throws {
        var run = makeRun()
        let names = "{{ prev_data_interval_start_success }}|{{ prev_data_interval_end_success }}|{{ prev_start_date_success }}|{{ prev_end_date_success }}"
        XCTAssertEqual(try render(names, AirflowContext.variables(for: run)), "None|None|None|None")
        run.previousSuccess = PreviousSuccessfulRun(
            dataIntervalStart: Date(timeIntervalSince1970: 1_616_716_800), dataIntervalEnd: Date(timeIntervalSince1970: 1_616_803_200),
            startedAt: Date(timeIntervalSince1970: 1_616_803_205.25), endedAt: nil)
        XCTAssertEqual(
            try render(names, AirflowContext.variables(for: run)),
            "2021-03-26 00:00:00+00:00|2021-03-27 00:00:00+00:00|2021-03-27 00:00:05.250000+00:00|None")
        XCTAssertEqual(try render("{{ prev_data_interval_start_success | ds }}", AirflowContext.variables(for: run)), "2021-03-26")
    }

    func testATypicalExportTemplateRendersInOnePass() throws {
        let source = """
        {# nightly export #}
        COPY {{ params.table | sql_identifier }}
        WHERE day = {{ macros.ds_add(ds, -1) | sql_literal }}
        {%- if params.days > 1 %}
          AND n < {{ params.days }}
        {%- endif %}
        TO DIRECTORY 's3://{{ env.BUCKET }}/{{ ds_nodash }}/';

        """
        let output = try render(source, AirflowContext.variables(for: makeRun()))
        XCTAssertEqual(output, """

        COPY "doc"."t"
        WHERE day = '2021-03-26'
          AND n < 3
        TO DIRECTORY 's3://lake/20210327/';
        """)
    }
}
