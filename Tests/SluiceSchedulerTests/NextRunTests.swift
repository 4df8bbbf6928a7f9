import Foundation
import SluiceCore
import SluiceDefinitions
@testable import SluiceScheduler
import SluiceStore
import Synchronization
import XCTest

/// `NextRun` (what `sluice status` shows) is the run the scheduler creates next: before any run,
/// after runs happened, with catchup off, and around a manual run that already covers a date.
final class NextRunTests: XCTestCase {
    private let utc = TimeZone(secondsFromGMT: 0)!
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-nextrun-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Midnight UTC `days` days before today.
    private func daysAgo(_ days: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar.startOfDay(for: Date()).addingTimeInterval(-Double(days) * 86_400)
    }

    private func dag(catchup: Bool, start: Date, maxActiveRuns: Int = 16) throws -> Dag {
        Dag(dagId: "d", schedule: "@daily", timetable: try Timetable(schedule: "@daily", kind: .interval, timeZone: utc),
            timeZone: utc, startDate: start, catchup: catchup, maxActiveRuns: maxActiveRuns,
            tasks: [TaskSpec(taskId: "t", type: .empty)], fileURL: folder.appendingPathComponent("d.yaml"), projectRoot: folder)
    }

    private func scheduler(_ store: SQLMetadataStore, events: EventLog) -> SchedulerService {
        SchedulerService(loader: DagFolderLoader(folder: folder), store: store, submissions: RunSubmissions(), masker: SecretMasker(), onEvent: { events.append($0) })
    }

    /// One scheduler pass; returns the logical dates it created and the next run it announced.
    private func tick(_ service: SchedulerService, _ dag: Dag, events: EventLog) async throws -> (created: [Date], announced: DagRunInfo??) {
        events.clear()
        _ = try await service.tick(bag: DagBag(dags: [dag.dagId: dag]), submit: { _ in })
        var created: [Date] = []
        var announced: DagRunInfo??
        for event in events.all {
            if case let .runCreated(run) = event { created.append(run.logicalDate) }
            if case let .nextRun(_, next) = event { announced = .some(next) }
        }
        return (created, announced)
    }

    private func finishAll(_ store: SQLMetadataStore) async throws {
        for var run in try await store.runs(matching: RunFilter(states: [.queued, .running])) {
            run.state = .success
            run.endedAt = Date()
            try await store.updateRun(run)
        }
    }

    func testBeforeAnyRunTheNextRunIsTheFirstOneTheSchedulerCreates() async throws {
        let store = try await SQLMetadataStore.open(path: folder.appendingPathComponent("s.db").path)
        let dag = try dag(catchup: true, start: daysAgo(3))
        let predicted = try await NextRun.of(dag, in: store, now: Date())
        XCTAssertEqual(predicted?.logicalDate, daysAgo(3))
        let events = EventLog()
        let (created, _) = try await tick(scheduler(store, events: events), dag, events: events)
        XCTAssertEqual(created.first, predicted?.logicalDate)
    }

    func testAfterRunsHappenedTheNextRunIsTheOneTheSchedulerCreatesNextAndAnnounces() async throws {
        let store = try await SQLMetadataStore.open(path: folder.appendingPathComponent("s.db").path)
        // Five complete days, two runs at a time: the scheduler needs three passes to catch up.
        let dag = try dag(catchup: true, start: daysAgo(5), maxActiveRuns: 2)
        let events = EventLog()
        let service = scheduler(store, events: events)
        var passes = 0
        while passes < 10 {
            passes += 1
            let maybeNext = try await NextRun.of(dag, in: store, now: Date())
            let predicted = try XCTUnwrap(maybeNext)
            let (created, announced) = try await tick(service, dag, events: events)
            if predicted.runAfter > Date() {
                XCTAssertEqual(created, [], "nothing due: the next run is tomorrow's")
                XCTAssertEqual(predicted.logicalDate, daysAgo(0))
                break
            }
            XCTAssertEqual(created.first, predicted.logicalDate, "pass \(passes)")
            let after = try await NextRun.of(dag, in: store, now: Date())
            if let announced { XCTAssertEqual(announced, after, "the scheduler announces what status shows") }
            XCTAssertEqual(after?.logicalDate, created.last.map { $0.addingTimeInterval(86_400) })
            try await finishAll(store)
        }
        XCTAssertEqual(passes, 4, "three passes of two, two and one runs, then nothing due")
        let scheduled = try await store.runs(matching: RunFilter(types: [.scheduled]))
        XCTAssertEqual(scheduled.count, 5)
    }

    func testWithoutCatchupTheNextRunIsTheLatestCompleteIntervalThenTomorrow() async throws {
        let store = try await SQLMetadataStore.open(path: folder.appendingPathComponent("s.db").path)
        let dag = try dag(catchup: false, start: daysAgo(10))
        let predicted = try await NextRun.of(dag, in: store, now: Date())
        XCTAssertEqual(predicted?.logicalDate, daysAgo(1), "yesterday's interval, not start_date's")
        let events = EventLog()
        let (created, announced) = try await tick(scheduler(store, events: events), dag, events: events)
        XCTAssertEqual(created, [daysAgo(1)])
        XCTAssertEqual(announced??.logicalDate, daysAgo(0))
        let status = try await NextRun.of(dag, in: store, now: Date())
        XCTAssertEqual(status?.logicalDate, daysAgo(0))
    }

    func testADateAManualRunAlreadyCoversIsNotTheNextRun() async throws {
        let store = try await SQLMetadataStore.open(path: folder.appendingPathComponent("s.db").path)
        let dag = try dag(catchup: true, start: daysAgo(2))
        let manual = RunCreation.run(of: dag, info: dag.timetable.run(forLogicalDate: daysAgo(2)), type: .manual)
        try await RunCreation.create(manual, of: dag, in: store)
        let predicted = try await NextRun.of(dag, in: store, now: Date())
        XCTAssertEqual(predicted?.logicalDate, daysAgo(1))
        let events = EventLog()
        let (created, _) = try await tick(scheduler(store, events: events), dag, events: events)
        XCTAssertEqual(created, [daysAgo(1)])
    }

    func testAManualOnlyDagHasNoNextRun() async throws {
        let store = try await SQLMetadataStore.open(path: folder.appendingPathComponent("s.db").path)
        let dag = Dag(dagId: "m", schedule: nil, timetable: try Timetable(schedule: nil, kind: .interval, timeZone: utc), timeZone: utc,
                      startDate: nil, tasks: [TaskSpec(taskId: "t", type: .empty)], fileURL: folder.appendingPathComponent("m.yaml"), projectRoot: folder)
        let next = try await NextRun.of(dag, in: store, now: Date())
        XCTAssertNil(next)
    }
}

/// Scheduler events collected by a test.
final class EventLog: Sendable {
    private let events = Mutex<[SchedulerEvent]>([])

    func append(_ event: SchedulerEvent) { events.withLock { $0.append(event) } }
    func clear() { events.withLock { $0.removeAll() } }
    var all: [SchedulerEvent] { events.withLock { $0 } }
}
