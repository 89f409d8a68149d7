import Foundation

/// Runs the built `kb` executable as a user would, in a temporary root.
struct KBProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `kb` binary next to the test bundle (SwiftPM builds it for this test target).
    static let executable: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kb")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for candidate in [".build/debug/kb", ".build/x86_64-unknown-linux-gnu/debug/kb", ".build/aarch64-unknown-linux-gnu/debug/kb"] {
            let url = cwd.appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return beside
    }()

    let root: URL
    var environment: [String: String] = [:]

    /// Runs `kb arguments...` with `input` on standard input and waits for it.
    func run(_ arguments: [String], input: String = "", today: String? = nil) throws -> Result {
        let process = configured(arguments, today: today)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// A process set up to run in the root with a clean environment (no colour, fixed day).
    func configured(_ arguments: [String], today: String? = nil) -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ["PATH": "/usr/bin:/bin", "HOME": root.path, "NO_COLOR": "1"]
        if let today { env["KB_TODAY"] = today }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        return process
    }

    /// Parses standard output as JSON.
    static func json(_ result: Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

/// A temporary root with a few notes and a deck.
final class FixtureRoot {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kb-e2e-\(UUID().uuidString)")
        try write("Notes/retrieval/two-tower.md", """
            ---
            title: Two-tower retrieval
            topics: [retrieval, embeddings]
            demo: two-tower
            ---
            # Two-tower retrieval

            ## In-batch negatives
            The other positives of a mini-batch serve as negatives for each query.
            See [Yi et al. 2019](https://dl.acm.org/doi/10.1145/3298689.3346996) and [DCN](../ranking/dcn.md).

            What corrects the popularity bias of in-batch negatives? :: Subtracting log q from each logit (logQ correction).
            """)
        try write("Notes/ranking/dcn.md", """
            ---
            title: Deep & Cross Network
            topics: [ranking]
            ---
            # Deep & Cross Network

            The cross layer multiplies x0 with a linear map of the current layer.

            DCN-V2 cross layer ::: x_{l+1} = x0 * (W x_l + b) + x_l
            """)
        try write("Decks/metrics/offline.md", """
            ---
            title: Offline metrics
            topics: [metrics]
            ---
            What does AUC measure? :: The probability that a random positive scores above a random negative.

            NDCG divides DCG by {{c1::the DCG of the ideal ordering}}.
            """)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    var kb: KBProcess { KBProcess(root: url) }
}
