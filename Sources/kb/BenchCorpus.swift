import Foundation

/// A benchmark corpus: copies of real notes in numbered folders under a temporary root.
struct BenchCorpus {
    let root: URL
    let files: Int
    let bytes: Int
    var megabytes: Double { Double(bytes) / 1_000_000 }
    var paths: [String]

    static let queries = [
        "in-batch negatives", "logq correction", "calibration", "feature store", "ndcg", "mmoe gate",
        "cross layer", "position bias", "cold start", "a/b test power", "hnsw", "training serving skew",
        "retention", "psi drift", "thompson sampling", "shared bottom", "hard negatives", "two tower",
    ]

    /// Copies `sources` round-robin into `root/Notes/copy-N/` until `megabytes` are written.
    static func build(at root: URL, from sources: [URL], megabytes: Double) throws -> BenchCorpus {
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("Notes"), withIntermediateDirectories: true)
        let contents = sources.compactMap { manager.contents(atPath: $0.path) }
        var bytes = 0
        var paths: [String] = []
        var copy = 0
        let target = Int(megabytes * 1_000_000)
        while bytes < target {
            let folder = root.appendingPathComponent("Notes/copy-\(copy)")
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for (index, data) in contents.enumerated() where bytes < target {
                let path = "Notes/copy-\(copy)/\(index)-\(sources[index].lastPathComponent)"
                try data.write(to: root.appendingPathComponent(path))
                bytes += data.count
                paths.append(path)
            }
            copy += 1
        }
        return BenchCorpus(root: root, files: paths.count, bytes: bytes, paths: paths)
    }

    /// Seconds for the `cmark` command to render every file of the corpus to HTML (in batches of
    /// 200 files per process, so that process start-up does not dominate), or nil without cmark.
    static func cmarkSeconds(_ corpus: BenchCorpus) -> Double? {
        guard let cmark = which("cmark") else { return nil }
        var total = 0.0
        var start = 0
        while start < corpus.paths.count {
            let batch = Array(corpus.paths[start..<min(start + 200, corpus.paths.count)])
            total += BenchClock.time { _ = run(cmark, batch, in: corpus.root) }
            start += 200
        }
        return total
    }

    /// Median wall time of whole `kb search` processes and of `rg` over the same files.
    static func compareProcesses(corpus: BenchCorpus, db: String) throws -> (kb: Double, rg: Double) {
        let kb = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        var kbTimes: [Double] = []
        var rgTimes: [Double] = []
        let rg = which("rg")
        for index in 0..<20 {
            let query = queries[index % queries.count]
            kbTimes.append(BenchClock.time {
                // As a user runs it: the index check before the search included.
                _ = run(kb, ["search", query, "--root", corpus.root.path, "--db", db], in: corpus.root)
            })
            if let rg {
                rgTimes.append(BenchClock.time { _ = run(rg, ["-i", "-n", "--fixed-strings", query, "Notes"], in: corpus.root) })
            }
        }
        kbTimes.sort()
        rgTimes.sort()
        return (kbTimes[kbTimes.count / 2], rgTimes.isEmpty ? 0 : rgTimes[rgTimes.count / 2])
    }

    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in folder: URL) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
