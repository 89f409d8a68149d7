import ArgumentParser
import Foundation
import RecLab

extension KB {
    /// `kb demo`: train the small models behind an architecture note and show what the paper found.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Run a from-scratch experiment that backs a note: mmoe, dcn or two-tower.",
            discussion: """
                Each demo trains small models on synthetic data in a few seconds, with RecLab's own autodiff \
                (no ML framework), and prints the data, the models, a learning curve per model, a results \
                table with the baseline and the reference result, and what it shows. The same --seed prints \
                the same numbers. `kb demo list` names the demos and the notes they back; `kb demo all \
                --seeds 3` runs every demo on seeds 1-3 and prints mean and spread.
                """)

        @Argument(help: ArgumentHelp("list, all, or a demo: mmoe, dcn, two-tower.", valueName: "name"), completion: .kbDemos)
        var name: String

        @Option(help: "Seed for data (s), initialisation (1000+s) and shuffling (2000+s).")
        var seed: UInt64 = 1

        @Option(help: "With `all`: run seeds 1 through N.")
        var seeds = 3

        @Option(help: "Train for N epochs instead of the demo's default.")
        var epochs: Int?

        @Flag(help: "Print JSON: {demo, seed, data, models: [{name, setting, params, metrics}], seconds}.")
        var json = false

        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp("mmoe: task correlations to compare (default 1 0.5; try 1 0.9 0.5 0).", valueName: "p"))
        var correlations: [String] = []

        @Flag(help: "dcn: predict z itself (RMSE) instead of a click.")
        var regression = false

        @Flag(name: .customLong("no-logq"), help: "two-tower: train only the model without the logQ correction.")
        var noLogQ = false

        func validate() throws {
            let choices = ["list", "all"] + DemoKind.allCases.map(\.rawValue)
            guard choices.contains(name) else {
                throw ValidationError("unknown demo '\(name)': choose mmoe, dcn or two-tower (or list, all)")
            }
            if let epochs, !(1...1_000).contains(epochs) {
                throw ValidationError("--epochs must be between 1 and 1000")
            }
            guard (1...100).contains(seeds) else { throw ValidationError("--seeds must be between 1 and 100") }
            if !correlations.isEmpty && name != DemoKind.mmoe.rawValue {
                throw ValidationError("--correlations only applies to `kb demo mmoe`")
            }
            if regression && name != DemoKind.dcn.rawValue {
                throw ValidationError("--regression only applies to `kb demo dcn`")
            }
            if noLogQ && name != DemoKind.twoTower.rawValue {
                throw ValidationError("--no-logq only applies to `kb demo two-tower`")
            }
            _ = try parsedCorrelations()
        }

        func run() throws {
            let terminal = Terminal.current
            switch name {
            case "list": try list(terminal)
            case "all": try runAll(terminal)
            default:
                guard let kind = DemoKind(rawValue: name) else { return }
                let progress = DemoProgress(terminal: terminal)
                let report = kind.run(seed: seed, options: options(for: kind)) { progress.update($0) }
                progress.finish()
                if json { return try JSONOutput.print(DemoJSON(report)) }
                print(DemoRenderer(terminal: terminal, entry: DemoCatalog.entry(kind)).render(report))
            }
        }

        private func list(_ terminal: Terminal) throws {
            if json {
                struct Entry: Encodable { let name, title, shows, note, paper: String }
                return try JSONOutput.print(
                    DemoCatalog.all.map {
                        Entry(name: $0.kind.rawValue, title: $0.title, shows: $0.shows, note: $0.note, paper: $0.paper)
                    })
            }
            for entry in DemoCatalog.all {
                print("\(terminal.cyan(DemoRenderer.pad(entry.kind.rawValue, 10)))\(terminal.bold(entry.title))")
                print("           shows: \(entry.shows)")
                print("           backs: \(entry.note)")
            }
            print(
                terminal.dim(
                    "run one with `kb demo NAME`, e.g. `kb demo mmoe --seed 2`; all of them with `kb demo all`"))
        }

        private func runAll(_ terminal: Terminal) throws {
            let progress = DemoProgress(terminal: terminal)
            var summaries: [DemoSummary] = []
            for kind in DemoKind.allCases {
                let reports = (1...seeds).map { s in
                    kind.run(seed: UInt64(s), options: options(for: kind)) {
                        progress.update($0, prefix: "seed \(s): ")
                    }
                }
                summaries.append(DemoSummary(kind: kind, reports: reports))
            }
            progress.finish()
            if json { return try JSONOutput.print(DemoSummaryJSON(summaries)) }
            let renderer = DemoSummaryRenderer(terminal: terminal)
            print(summaries.map(renderer.render).joined(separator: "\n\n"))
        }

        private func options(for kind: DemoKind) -> DemoKind.Options {
            var options = DemoKind.Options(epochs: epochs)
            if kind == .mmoe, let values = try? parsedCorrelations(), !values.isEmpty { options.correlations = values }
            if kind == .dcn { options.regression = regression }
            if kind == .twoTower && noLogQ { options.logQ = false }
            return options
        }

        /// `--correlations 1 0.9` or `--correlations 1,0.9`; each p must lie in [-1, 1].
        private func parsedCorrelations() throws -> [Double] {
            let parts = correlations.flatMap { $0.split(separator: ",") }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            return try parts.filter { !$0.isEmpty }.map { text in
                guard let p = Double(text), (-1...1).contains(p) else {
                    throw ValidationError("--correlations: '\(text)' is not a number between -1 and 1")
                }
                return p
            }
        }
    }
}
