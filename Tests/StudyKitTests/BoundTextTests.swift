import Foundation
import GRDB
import RecLab
import Testing
@testable import StudyKit

/// `RowBinder` binds text that SQLite reads in place from a buffer of the statement's
/// (`BoundText`): every value must arrive byte for byte, run after run of the same statements,
/// whatever its length (empty, NUL bytes, more than a buffer holds).
@Suite("Bound text")
struct BoundTextTests {
    private static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02X", $0) }.joined()
    }

    private static func values(_ random: inout SplitMix64, count: Int) -> [String] {
        let fixed = ["", "x", "a\u{0}b", "café 日本語 😀", String(repeating: "long ", count: 3_000), String(repeating: "é", count: 5_000)]
        var values = fixed
        while values.count < count {
            let length = Int(random.next() % 300)
            values.append(String((0..<length).map { _ in Character(UnicodeScalar(UInt8(32 + random.next() % 95))) }))
        }
        return values
    }

    @Test("text values arrive byte for byte through every statement shape, run after run")
    func textArrives() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        var random = SplitMix64(seed: 21)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL)")
            var expected: [(String, String)] = []
            for _ in 0..<3 {
                let first = Self.values(&random, count: 123)
                let second = first.shuffled(using: &random)
                try db.insertRows(first.count, head: "INSERT INTO t (a, b)", columns: 2, perStatement: 16) { row, index, column in
                    row.bind(column, first[index])
                    row.bind(column + 1, second[index])
                }
                expected += zip(first, second).map { ($0, $1) }
                // One row at a time, with the parameters cleared before each run.
                for (a, b) in zip(second.prefix(20), first.prefix(20)) {
                    try db.insert(sql: "INSERT INTO t (a, b) VALUES (?, ?)") { row in
                        row.bind(1, a)
                        row.bind(2, b)
                    }
                    expected.append((a, b))
                }
            }
            let stored = try Row.fetchAll(db, sql: "SELECT hex(a), hex(b) FROM t ORDER BY id").map { ($0[0] as String, $0[1] as String) }
            #expect(stored.count == expected.count)
            let mismatch = stored.indices.first { stored[$0].0 != Self.hex(expected[$0].0) || stored[$0].1 != Self.hex(expected[$0].1) }
            #expect(mismatch == nil)
        }
    }
}
