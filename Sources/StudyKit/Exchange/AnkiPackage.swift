import Foundation
import ZIPFoundation

/// An .apkg file: a zip holding the collection (`collection.anki2`) and the media map (`media`,
/// here `{}`: kb cards link to images by path, they do not embed them).
public enum AnkiPackage {
    public static let collectionEntry = "collection.anki2"
    public static let mediaEntry = "media"

    /// Writes the package, replacing `url`; the file appears only once complete.
    public static func write(_ collection: AnkiCollection, to url: URL, now: Date = Date()) throws {
        let manager = FileManager.default
        let work = manager.temporaryDirectory.appendingPathComponent("kb-apkg-\(UUID().uuidString)")
        try manager.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: work) }
        let database = work.appendingPathComponent(collectionEntry)
        try AnkiCollectionFile.write(collection, to: database.path, now: now)
        let media = work.appendingPathComponent(mediaEntry)
        try Data("{}".utf8).write(to: media)
        let zip = work.appendingPathComponent("package.apkg")
        let archive = try Archive(url: zip, accessMode: .create)
        try archive.addEntry(with: collectionEntry, relativeTo: work, compressionMethod: .deflate)
        try archive.addEntry(with: mediaEntry, relativeTo: work, compressionMethod: .deflate)
        if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
        try manager.moveItem(at: zip, to: url)
    }

    /// Unpacks the collection file of a package into `folder` and returns its path (for readers).
    public static func extractCollection(from url: URL, into folder: URL) throws -> URL {
        let archive = try Archive(url: url, accessMode: .read)
        guard let entry = archive[collectionEntry] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        let target = folder.appendingPathComponent(collectionEntry)
        _ = try archive.extract(entry, to: target)
        return target
    }
}
