import ArgumentParser
import Foundation
import RecLab

extension KB {
    /// `kb bench-demo`: every demo at full size over seeds 1-3 in the running build, with the
    /// numbers the issue asks for: wall time, training throughput, matmul speed, and whether
    /// each "must show" held on every seed.
    struct DemoBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench-demo",
            abstract: "Benchmark the demos: wall time, examples/s, matmul GFLOP/s, and whether each finding held.",
            discussion: """
                Trains each demo at full size on seeds 1-3 and compares the wall time per seed with the issue's \
                single-thread PyTorch reference (MMoE 19 s, DCN 7 s, two-tower 5 s per seed). Run it on a \
                release build: swift build -c release --product kb && .build/release/kb bench-demo
                """)

        @Option(help: "Number of seeds (1 through N).")
        var seeds = 3

        /// The PyTorch CPU times for one seed on the reference 2-core machine.
        static let pytorchSeconds: [DemoKind: Double] = [.mmoe: 19, .dcn: 7, .twoTower: 5]

        func validate() throws {
            guard (1...20).contains(seeds) else { throw ValidationError("--seeds must be between 1 and 20") }
        }

        func run() throws {
            let terminal = Terminal.current
            let gflops = Self.matmulGFLOPS()
            print(terminal.bold("matmul 256x64 by 64x64: \(DemoText.number(gflops, 1)) GFLOP/s") + " (target >= 15)")
            var allHeld = true
            let cases: [(label: String, kind: DemoKind, options: DemoKind.Options)] = [
                ("mmoe", .mmoe, .init()), ("dcn", .dcn, .init()), ("dcn --regression", .dcn, .init(regression: true)),
                ("two-tower", .twoTower, .init()),
            ]
            for (label, kind, options) in cases {
                let start = Date()
                let reports = (1...seeds).map { kind.run(seed: UInt64($0), options: options) }
                let wall = Date().timeIntervalSince(start)
                let perSeed = wall / Double(seeds)
                let examples = reports.reduce(0) { $0 + $1.examples }
                var line = terminal.bold(label) + ": \(DemoText.number(wall, 2)) s for \(seeds) seeds, "
                line += "\(DemoText.number(perSeed, 2)) s per seed"
                if !options.regression, let reference = Self.pytorchSeconds[kind] {
                    line +=
                        " (PyTorch reference \(DemoText.number(reference, 0)) s: \(DemoText.number(reference / perSeed, 1))x faster)"
                }
                line += ", \(DemoText.grouped(Int(Double(examples) / wall))) training examples/s"
                print("")
                print(line)
                let summary = DemoSummary(kind: kind, reports: reports)
                for tally in summary.findings {
                    let held = tally.held == tally.of
                    allHeld = allHeld && held
                    let mark = held ? terminal.green("✓") : terminal.red("✗")
                    let count = tally.of == 1 ? "" : " on \(tally.held)/\(tally.of) seeds"
                    print("  \(mark) \(tally.claim)\(count)  \(terminal.dim(tally.measured))")
                }
            }
            print("")
            print(allHeld ? "every finding held on every seed" : "some findings did not hold on every seed (marked ✗)")
        }

        /// Sustained speed of the matmul kernel on the shape, best of five one-second-ish runs.
        static func matmulGFLOPS() -> Double {
            var rng = SplitMix64(seed: 1)
            let a = Matrix(rows: 256, cols: 64) { _, _ in Float(rng.uniform(-1, 1)) }
            let b = Matrix(rows: 64, cols: 64) { _, _ in Float(rng.uniform(-1, 1)) }
            let flops = 2.0 * 256 * 64 * 64
            var best = 0.0
            var checksum: Float = 0
            for _ in 0..<5 {
                let repetitions = 2_000
                let start = Date()
                for _ in 0..<repetitions { checksum += MatrixProduct.multiply(a, b).storage[0] }
                best = max(best, flops * Double(repetitions) / Date().timeIntervalSince(start) / 1e9)
            }
            return checksum.isNaN ? 0 : best
        }
    }
}
