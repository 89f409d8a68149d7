import Foundation
import GRDB

extension AppDatabase {
    /// Brings the card table in line with the re-parsed notes (DESIGN.md 5).
    func syncCards(_ db: Database, changedPaths: Set<String>, notes: [ParsedNote], today: Day) throws -> CardSyncCounts {
        CardSyncCounts()
    }
}
