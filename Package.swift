// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "kb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kb", targets: ["kb"]),
        .library(name: "StudyKit", targets: ["StudyKit"]),
        .library(name: "RecLab", targets: ["RecLab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // What Swift cannot do with SQLite: call the variadic sqlite3_db_config, and define an
        // FTS5 ranking function (Sources/CSQLiteSupport/rank.c).
        .target(name: "CSQLiteSupport", linkerSettings: [.linkedLibrary("m")]),
        // cmark with a per-thread bump allocator (Sources/CmarkArena/arena.c).
        .target(name: "CmarkArena", dependencies: ["Ccmark"]),
        .target(
            name: "StudyKit",
            dependencies: [
                "Ccmark",
                "CmarkArena",
                "CSQLiteSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "RecLab",
            // Optimised even in debug builds: the demos train real models, and tests that train
            // them must run in seconds. Plain -O, not -Ounchecked: it is as fast here (the hot
            // loops already use raw pointers) and keeps the shape preconditions live.
            swiftSettings: [.unsafeFlags(["-O"])]
        ),
        .executableTarget(
            name: "kb",
            dependencies: [
                "StudyKit",
                "RecLab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "StudyKitTests", dependencies: ["StudyKit", "RecLab", "Ccmark", "CmarkArena"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RecLabTests", dependencies: ["RecLab"]),
        .testTarget(name: "kbTests", dependencies: ["kb", "StudyKit", "RecLab"]),
    ]
)
