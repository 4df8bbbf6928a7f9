// swift-tools-version:6.0
import PackageDescription

/// One strict setting shared by every Swift target.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]
/// `strict` in Swift 6 language mode, for the targets already converted.
let strict6: [SwiftSetting] = strict + [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
    ],
    targets: [
        // C libraries behind small system-library targets.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CSnappy", path: "Sources/CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // Pure domain: DAG model, schedules and timetables, run and task states.
        .target(name: "SluiceCore", swiftSettings: strict6),
        // The Jinja-compatible template engine and Airflow's context. Depends only on the pure core.
        .target(name: "SluiceTemplates", dependencies: ["SluiceCore", "BigInt"], swiftSettings: strict6),
        // YAML DAG files -> validated DAGs, every problem with file:line:col.
        .target(name: "SluiceDefinitions", dependencies: ["SluiceCore", "SluiceTemplates", "Yams"], swiftSettings: strict6),
        // The one bridge from blocking C calls on Dispatch queues to async code. No dependencies.
        .target(name: "SluiceBlocking", swiftSettings: strict6),
        // The safe libpq layer.
        .target(name: "SluicePostgres", dependencies: ["CLibPQ", "SluiceBlocking"], swiftSettings: strict + [.swiftLanguageMode(.v6)]),
        // The metadata store: protocol, SQLite implementation, migrations.
        .target(name: "SluiceStore", dependencies: ["SluiceCore", "CSQLite", "SluiceBlocking", "SluicePostgres"], swiftSettings: strict),
        // A streaming Parquet writer, from the specification. No dependency on the rest of Sluice.
        .target(name: "SluiceParquet", dependencies: ["CZstd", "CSnappy"], swiftSettings: strict + [.swiftLanguageMode(.v6)]),

        // Columnar batches from PostgreSQL's binary COPY, and the CSV / JSON lines writers with compression.
        .target(name: "SluiceFormats", dependencies: ["CZlib", "CZstd"], swiftSettings: strict + [.swiftLanguageMode(.v6)]),
        // The libcurl client: HTTP requests on kept-alive connections, and SMTP mail. Blocking calls on Dispatch queues.
        .target(name: "SluiceCurl", dependencies: ["CCurl", "SluiceBlocking"], swiftSettings: strict6),
        // Where exports go: local folders and S3 (SigV4, multipart), with staging and publish primitives.
        .target(name: "SluiceDestinations", dependencies: ["SluiceCurl", "SluiceBlocking", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict + [.swiftLanguageMode(.v6)]),

        // Notifiers (webhook, email) from the environment, payloads, signatures, request/message builders. No I/O.
        .target(name: "SluiceNotifications", dependencies: ["SluiceCore", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict6),

        // Sends the notification outbox: webhooks and email over libcurl, retries, the delivery service.
        .target(name: "SluiceDelivery",
                dependencies: ["SluiceCore", "SluiceNotifications", "SluiceCurl", "SluiceStore",
                               .product(name: "Logging", package: "swift-log"),
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
                swiftSettings: strict6),

        // One task attempt, the bounded parallel executor, recovery, task logs.
        .target(name: "SluiceExecution", dependencies: ["SluiceCore", "SluiceTemplates", "SluiceDefinitions", "SluiceStore", "SluiceBlocking", "SluiceNotifications"], swiftSettings: strict + [.swiftLanguageMode(.v6)]),
        // The `export` task: streams a table slice out of PostgreSQL into lake files, write-audit-publish.
        .target(
            name: "SluiceExport",
            dependencies: ["SluiceCore", "SluiceTemplates", "SluiceDefinitions", "SluicePostgres", "SluiceFormats",
                           "SluiceDestinations", "SluiceBlocking", "SluiceParquet", "SluiceExecution", "SluiceNotifications",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The task types that run on a connection (`sql`, `empty`) and the runner that sends each attempt to
        // its type's runner. Keeps the executor independent of PostgreSQL.
        .target(name: "SluiceTasks", dependencies: ["SluiceCore", "SluiceDefinitions", "SluiceExecution", "SluicePostgres"], swiftSettings: strict6),
        // The scheduler daemon: scheduling loop, DAG folder reloads, graceful shutdown.
        .target(
            name: "SluiceScheduler",
            dependencies: ["SluiceExecution", "SluiceDefinitions", "SluiceStore", "SluiceCore", "SluiceNotifications",
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: strict + [.swiftLanguageMode(.v6)]
        ),

        // Users, roles and API tokens: bcrypt password hashes, tokens stored as SHA-256, permission checks.
        .target(name: "SluiceAuth",
                dependencies: ["SluiceCore", "SluiceStore", "SluiceBlocking",
                               .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict6),

        // Prometheus metrics: counters and histograms fed by execution events, gauges read from the store at scrape time.
        .target(name: "SluiceMetrics",
                dependencies: ["SluiceCore", "SluiceStore", "SluiceExecution",
                               .product(name: "Metrics", package: "swift-metrics"),
                               .product(name: "Prometheus", package: "swift-prometheus")],
                swiftSettings: strict6),

        // The web UI: server-rendered pages over the API's store queries, one embedded script and style sheet.
        .target(name: "SluiceUI",
                dependencies: ["SluiceAPI", "SluiceAuth", "SluiceCore", "SluiceStore", "SluiceExecution", "SluiceExport", "SluiceDefinitions",
                               .product(name: "Hummingbird", package: "hummingbird")],
                swiftSettings: strict6),
        // The api-server: Airflow's REST API over the metadata store, on Hummingbird.
        .target(name: "SluiceAPI",
                dependencies: ["SluiceCore", "SluiceStore", "SluiceDefinitions", "SluiceScheduler", "SluiceAuth", "SluiceExecution", "SluiceExport", "SluiceMetrics",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HummingbirdCore", package: "hummingbird"),
                               .product(name: "Crypto", package: "swift-crypto"),
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict6),

        // The thin CLI.
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceCore", "SluiceTemplates", "SluiceDefinitions", "SluicePostgres", "SluiceStore",
                "SluiceExecution", "SluiceScheduler", "SluiceExport", "SluiceDestinations", "SluiceTasks",
                "SluiceNotifications", "SluiceDelivery", "SluiceAuth", "SluiceAPI", "SluiceUI", "SluiceMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Micro-benchmarks run by `make bench` (release build).
        .executableTarget(name: "SluiceBench", dependencies: ["SluiceCore", "SluiceTemplates", "SluiceDefinitions"], swiftSettings: strict),

        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"], exclude: ["Schedules/Conformance"]),
        .testTarget(name: "SluiceTemplatesTests", dependencies: ["SluiceTemplates"], exclude: ["Conformance"]),
        .testTarget(name: "SluiceDefinitionsTests", dependencies: ["SluiceDefinitions"], exclude: ["Corpus"]),
        .testTarget(name: "SluiceBlockingTests", dependencies: ["SluiceBlocking"]),
        .testTarget(name: "SluicePostgresTests", dependencies: ["SluicePostgres", "SluiceTestSupport"]),
        .testTarget(name: "SluiceStoreTests", dependencies: ["SluiceStore", "SluicePostgres", "SluiceTestSupport"]),
        .testTarget(name: "SluiceParquetTests", dependencies: ["SluiceParquet"]),
        .testTarget(name: "SluiceFormatsTests", dependencies: ["SluiceFormats", "SluiceTestSupport"]),
        // Child processes (moto, a fault-injecting proxy, python readers) shared by the test targets.
        .target(name: "SluiceTestSupport", path: "Tests/SluiceTestSupport"),
        .testTarget(name: "SluiceDestinationsTests", dependencies: ["SluiceDestinations", "SluiceTestSupport"]),
        .testTarget(name: "SluiceExportTests", dependencies: ["SluiceTestSupport", "SluiceExport", "SluiceTasks", "SluiceDestinations", "SluiceFormats", "SluicePostgres", "SluiceExecution", "SluiceCore", "SluiceDefinitions"]),
        .testTarget(name: "SluiceNotificationsTests", dependencies: ["SluiceNotifications", "SluiceCore"]),
        .testTarget(name: "SluiceDeliveryTests", dependencies: ["SluiceDelivery"]),
        .testTarget(name: "SluiceExecutionTests", dependencies: ["SluiceExecution", "SluiceCore"]),
        .testTarget(name: "SluiceSchedulerTests", dependencies: ["SluiceScheduler", "SluiceCore", "SluiceStore", "SluiceDefinitions", "SluiceExecution", "SluiceTestSupport"]),
        .testTarget(name: "SluiceMetricsTests", dependencies: ["SluiceMetrics", "SluiceStore", "SluiceCore", "SluiceExecution"]),
        .testTarget(name: "SluiceAuthTests", dependencies: ["SluiceAuth", "SluiceStore", "SluiceCore"]),
        .testTarget(name: "SluiceUITests", dependencies: ["SluiceUI", "SluiceCore"]),
        .testTarget(name: "SluiceAPITests", dependencies: ["SluiceAPI", "SluiceCore", .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "SluiceCLITests", dependencies: ["sluice", "SluiceStore", "SluiceCore", "SluiceTestSupport", "SluiceAuth"]),
    ],
    swiftLanguageModes: [.v6]
)
