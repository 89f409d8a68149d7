import Foundation

/// FNV-1a 64 over a file's bytes: cheap, stable across runs and platforms (unlike `Hasher`),
/// and only used to tell whether a file's content changed.
enum FileHash {
    static func hex(of data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return String(hash, radix: 16)
    }
}
