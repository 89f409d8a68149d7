import Foundation
import StudyKit
import Testing

@testable import kb

/// The root is found with POSIX calls and string work (`GlobalOptions.findRootPath`); it must
/// name the same folder Foundation's URLs did.
@Suite("Finding the root without Foundation URLs")
struct RootPathTests {
    @Test("paths are normalised as URL.standardizedFileURL does", arguments: [
        "/tmp/notes", "/tmp/notes/", "/tmp//notes", "/tmp/./notes", "/tmp/a/../notes", "/tmp/a/b/../../notes/.",
        "notes", "./notes", "../notes", "a/../../notes", "/", "/..", "/../tmp", ".", "..",
    ])
    func normalised(path: String) {
        let folder = "/work/base/folder"
        let expected = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
        #expect(PathText.absolute(path, in: folder) == expected, "\(path)")
    }

    @Test("--root must be a folder; without it the nearest folder above with Notes/ or Decks/ is the root")
    func lookup() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kb-root-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let deep = base.appendingPathComponent("Notes/a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: base.appendingPathComponent("file.md"))
        let basePath = base.standardizedFileURL.path
        #expect(try GlobalOptions.findRootPath(explicit: basePath + "/Notes/..") == basePath)
        #expect(throws: UserError.self) { try GlobalOptions.findRootPath(explicit: basePath + "/file.md") }
        #expect(throws: UserError.self) { try GlobalOptions.findRootPath(explicit: basePath + "/missing") }
        // From a working folder inside the notes (the process's own is left alone: tests run in parallel).
        #expect(try GlobalOptions.findRootPath(explicit: nil, from: deep.path) == basePath)
        #expect(try GlobalOptions.findRootPath(explicit: "../..", from: deep.path) == basePath + "/Notes")
    }
}
