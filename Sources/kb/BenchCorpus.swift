import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

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
            let files = batch.map { corpus.root.appendingPathComponent($0).path }
            total += BenchClock.time { Subprocess.run(cmark, files) }
            start += 200
        }
        return total
    }

    /// Median wall time of whole `kb search` processes and of `rg` over the same files.
    static func compareProcesses(corpus: BenchCorpus, db: String) throws -> (kb: Double, rg: Double) {
        let kb = Subprocess.ownExecutable
        let notes = corpus.root.appendingPathComponent("Notes").path
        var kbTimes: [Double] = []
        var rgTimes: [Double] = []
        let rg = which("rg")
        for index in 0..<20 {
            let query = queries[index % queries.count]
            kbTimes.append(BenchClock.time {
                // As a user runs it: the index check before the search included.
                Subprocess.run(kb, ["search", query, "--root", corpus.root.path, "--db", db])
            })
            if let rg {
                rgTimes.append(BenchClock.time { Subprocess.run(rg, ["-i", "-n", "--fixed-strings", query, notes]) })
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
}

/// Starting a program and waiting for it, for the benchmarks: `posix_spawn` and `waitpid`.
///
/// Foundation's `Process.waitUntilExit` learns of the end through the main run loop, which a
/// synchronous command does not run: it polled every 50 ms, and every timed process took 51 ms.
enum Subprocess {
    /// The path of the running kb (argv[0] may be a bare name found on PATH).
    static var ownExecutable: String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBytes { readlink("/proc/self/exe", $0.baseAddress!, $0.count - 1) }
        return count > 0
            ? String(decoding: buffer[..<count], as: UTF8.self)
            : URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// Runs `executable` with its output discarded, with `environment` (else kb's own) and
    /// `input` on its standard input (paths in `arguments` should be absolute: the child starts
    /// in kb's working folder; `input` must fit in the pipe, 64 kB). Returns the exit status, or -1 when
    /// the program could not be started or did not exit normally.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil
    ) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return -1 }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = envp.map { posix_spawn(&pid, executable, &actions, nil, argv, $0) }
            ?? posix_spawn(&pid, executable, &actions, nil, argv, environ)
        // The read end stays open in kb until the input is written: a child that exits without
        // reading then leaves the bytes in the pipe instead of killing kb with SIGPIPE.
        if spawned == 0, let input {
            var bytes = Array(input.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { break }
                bytes = bytes.dropFirst(written)
            }
        }
        close(pipeEnds[1])
        close(pipeEnds[0])
        guard spawned == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        // WIFEXITED and WEXITSTATUS, which Swift does not import (they are macros).
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
    }
}
