import Testing

@testable import StudyKit

@Suite struct CardReconcilerTests {
    typealias F = CardFixtures

    /// A stored card made from a draft, as the store would hold it after an earlier run.
    static func stored(_ draft: CardDraft, id: Int64, status: StoredCard.Status = .active) -> StoredCard {
        StoredCard(
            id: id, key: draft.key, kind: draft.kind, front: draft.front, back: draft.back, path: draft.path,
            line: draft.line, ordinal: draft.ordinal, siblingGroup: draft.siblingGroup, status: status)
    }

    static let question = F.draft("What does the logQ correction subtract?", "log Q(j)")
    static let other = F.draft("What is a hard negative?", "A high-scoring non-positive.", line: 3)

    @Test func unchangedFileIsAllNoOps() {
        let existing = [Self.stored(Self.question, id: 1), Self.stored(Self.other, id: 2)]
        let plan = CardReconciler.plan(existing: existing, reparsedPaths: ["Notes/a.md"], drafts: [Self.question, Self.other])
        #expect(plan.updates.map(\.reason) == [.unchanged, .unchanged])
        #expect(plan.updates.allSatisfy { $0.isNoOp })
        #expect(plan.inserts.isEmpty && plan.retirements.isEmpty && plan.warnings.isEmpty)
        #expect(plan.counts == ReconcilePlan.Counts())
    }

    @Test func backEditKeepsTheCard() {
        var edited = Self.question
        edited.back = "The log of the item's sampling probability."
        edited.line = 9
        let plan = CardReconciler.plan(existing: [Self.stored(Self.question, id: 1)], reparsedPaths: ["Notes/a.md"], drafts: [edited])
        #expect(plan.updates == [ReconcilePlan.Update(id: 1, draft: edited, reason: .backEdited, isNoOp: false)])
        #expect(plan.counts == ReconcilePlan.Counts(changed: 1))
    }

    @Test func lineShiftAloneIsUnchangedButNeedsAWrite() {
        var shifted = Self.question
        shifted.line = 40
        let plan = CardReconciler.plan(existing: [Self.stored(Self.question, id: 1)], reparsedPaths: ["Notes/a.md"], drafts: [shifted])
        #expect(plan.updates.map(\.reason) == [.unchanged])
        #expect(plan.updates.map(\.isNoOp) == [false])
    }

    @Test func rewordedFrontIsPairedWithTheVanishedCard() {
        let reworded = F.draft("What exactly does the logQ correction subtract from the logit?", "log Q(j)")
        let unrelated = F.draft("Why is popularity bias a problem?", "It starves the tail.", line: 5)
        let existing = [Self.stored(Self.question, id: 1), Self.stored(Self.other, id: 2)]
        let plan = CardReconciler.plan(existing: existing, reparsedPaths: ["Notes/a.md"], drafts: [reworded, unrelated, Self.other])
        #expect(plan.updates.contains(ReconcilePlan.Update(id: 1, draft: reworded, reason: .reworded, isNoOp: false)))
        #expect(plan.inserts == [unrelated])
        #expect(plan.retirements.isEmpty)
        #expect(plan.counts == ReconcilePlan.Counts(added: 1, changed: 1))
    }

    @Test func pairingIsBestFirstAndNeedsTheSameNoteAndKind() {
        let a = F.draft("What does the logQ correction subtract?")
        let b = F.draft("What does the logQ correction fix?", line: 2)
        // The new front is closer to `b` than to `a`, so `b` gets it although `a` comes first.
        let newFront = F.draft("What problem does the logQ correction fix?", line: 2)
        let plan = CardReconciler.plan(
            existing: [Self.stored(a, id: 1), Self.stored(b, id: 2)], reparsedPaths: ["Notes/a.md"], drafts: [newFront])
        #expect(plan.updates.map(\.id) == [2])
        #expect(plan.retirements == [1])

        let elsewhere = F.draft("What does the logQ correction subtract exactly?", path: "Notes/b.md")
        let otherKind = F.draft("What does the logQ correction subtract exactly?", kind: .generated)
        let unpaired = CardReconciler.plan(
            existing: [Self.stored(a, id: 1)], reparsedPaths: ["Notes/a.md", "Notes/b.md"], drafts: [elsewhere, otherKind])
        #expect(unpaired.updates.isEmpty)
        #expect(unpaired.inserts.count == 2)
        #expect(unpaired.retirements == [1])
    }

    @Test func moveAcrossFilesKeepsTheCard() {
        var moved = Self.question
        moved.path = "Notes/b.md"
        moved.line = 12
        let plan = CardReconciler.plan(
            existing: [Self.stored(Self.question, id: 1)], reparsedPaths: ["Notes/a.md", "Notes/b.md"], drafts: [moved])
        #expect(plan.updates == [ReconcilePlan.Update(id: 1, draft: moved, reason: .moved, isNoOp: false)])
        #expect(plan.counts == ReconcilePlan.Counts(moved: 1))
    }

    @Test func deletedCardIsRetiredAndUntouchedFilesAreLeftAlone() {
        let elsewhere = F.draft("Unrelated", path: "Notes/z.md")
        let existing = [Self.stored(Self.question, id: 1), Self.stored(Self.other, id: 2), Self.stored(elsewhere, id: 3)]
        let plan = CardReconciler.plan(existing: existing, reparsedPaths: ["Notes/a.md"], drafts: [Self.other])
        #expect(plan.retirements == [1])
        #expect(plan.updates.map(\.id) == [2])
        #expect(plan.counts == ReconcilePlan.Counts(retired: 1))
    }

    @Test func deletedFileRetiresAllItsCards() {
        let existing = [Self.stored(Self.question, id: 1), Self.stored(Self.other, id: 2, status: .suspended)]
        let plan = CardReconciler.plan(existing: existing, reparsedPaths: ["Notes/a.md"], drafts: [])
        #expect(plan.retirements == [1, 2])
    }

    @Test func restoredCardIsRevivedWithItsId() {
        var restored = Self.question
        restored.path = "Notes/c.md"
        let plan = CardReconciler.plan(
            existing: [Self.stored(Self.question, id: 7, status: .retired)], reparsedPaths: ["Notes/c.md"], drafts: [restored])
        #expect(plan.updates == [ReconcilePlan.Update(id: 7, draft: restored, reason: .revived, isNoOp: false)])
        #expect(plan.inserts.isEmpty)
        #expect(plan.counts == ReconcilePlan.Counts(revived: 1))
    }

    @Test func retiredCardsAreNotRetiredAgainNorPaired() {
        let reworded = F.draft("What does the logQ correction subtract, exactly?")
        let plan = CardReconciler.plan(
            existing: [Self.stored(Self.question, id: 1, status: .retired)], reparsedPaths: ["Notes/a.md"], drafts: [reworded])
        #expect(plan.retirements.isEmpty)
        #expect(plan.updates.isEmpty)
        #expect(plan.inserts == [reworded])
    }

    @Test func duplicateDraftsKeepTheFirstAndNameBothPlaces() throws {
        var copy = Self.question
        copy.path = "Notes/b.md"
        copy.line = 30
        let plan = CardReconciler.plan(existing: [], reparsedPaths: ["Notes/a.md", "Notes/b.md"], drafts: [Self.question, copy])
        #expect(plan.inserts == [Self.question])
        let warning = try #require(plan.warnings.first)
        #expect(warning.description == "Notes/b.md:30: duplicate card: the same card is already at Notes/a.md:1; "
            + "only that one is kept (reword or remove one of them)")
    }

    /// The two deletions of one cloze line, copied to another file: two cards dropped, one line
    /// to fix, one warning. Another line repeated gets its own.
    @Test func repeatsOfOneLineAreReportedOnce() throws {
        let cards = F.extract("In-batch softmax over-penalises {{c1::popular}} items in proportion to their {{c2::frequency}}.")
            .cards + [Self.other]
        #expect(cards.count == 3)
        let copies = cards.map { card in
            var copy = card
            copy.path = "Notes/b.md"
            return copy
        }
        let plan = CardReconciler.plan(existing: [], reparsedPaths: ["Notes/a.md", "Notes/b.md"], drafts: cards + copies)
        #expect(plan.inserts.count == 3)
        #expect(plan.duplicates.count == 3)
        #expect(plan.warnings.map(\.line) == [10, 3])
        #expect(plan.warnings.allSatisfy { $0.path == "Notes/b.md" })
    }

    @Test func duplicateGeneratedCardsAreMergedSilently() {
        let first = F.draft("What is the key idea of DCN?", kind: .generated)
        var second = first
        second.path = "Notes/b.md"
        let plan = CardReconciler.plan(existing: [], reparsedPaths: ["Notes/a.md", "Notes/b.md"], drafts: [first, second])
        #expect(plan.inserts == [first])
        #expect(plan.warnings.isEmpty)
        let later = CardReconciler.plan(existing: [Self.stored(first, id: 1)], reparsedPaths: ["Notes/b.md"], drafts: [second])
        #expect(later.inserts.isEmpty && later.updates.isEmpty && later.warnings.isEmpty)
    }

    @Test func duplicateOfACardInAnUnchangedFileIsDropped() throws {
        var copy = Self.question
        copy.path = "Notes/b.md"
        copy.line = 30
        let plan = CardReconciler.plan(existing: [Self.stored(Self.question, id: 1)], reparsedPaths: ["Notes/b.md"], drafts: [copy])
        #expect(plan.inserts.isEmpty && plan.updates.isEmpty && plan.retirements.isEmpty)
        let warning = try #require(plan.warnings.first)
        #expect(warning.path == "Notes/b.md" && warning.line == 30)
        #expect(warning.message.contains("Notes/a.md:1"))
    }

    @Test func repeatsWithinTheRunAndOfHeldCardsAreReportedInDraftOrder() {
        // `b.md` repeats a card of `a.md` (this run) and one held by unchanged `z.md`, interleaved.
        let held = F.draft("Held elsewhere?", path: "Notes/z.md", line: 4)
        func at(_ draft: CardDraft, _ path: String, _ line: Int) -> CardDraft {
            var copy = draft
            copy.path = path
            copy.line = line
            return copy
        }
        let drafts = [
            Self.question, at(held, "Notes/a.md", 2), at(Self.question, "Notes/b.md", 10),
            at(held, "Notes/b.md", 11), at(Self.question, "Notes/b.md", 12),
        ]
        let plan = CardReconciler.plan(
            existing: [Self.stored(held, id: 7)], reparsedPaths: ["Notes/a.md", "Notes/b.md"], drafts: drafts)
        #expect(plan.inserts == [Self.question])
        #expect(plan.warnings.map { "\($0.path):\($0.line ?? 0)" } == ["Notes/a.md:2", "Notes/b.md:10", "Notes/b.md:11", "Notes/b.md:12"])
        // A repeat names the run's first draft of its key, even one that was itself dropped.
        #expect(plan.duplicates.map(\.keptPath) == ["Notes/z.md", "Notes/a.md", "Notes/a.md", "Notes/a.md"])
        #expect(plan.duplicatesOfStored == [ReconcilePlan.Duplicate(path: "Notes/a.md", keptPath: "Notes/z.md")])
        // Made in two steps (the run's own repeats first, apart from the store), the same plan.
        let run = CardReconciler.RunDrafts(drafts)
        #expect(run.firsts.map(\.index) == [0, 1])
        #expect(CardReconciler.plan(existing: [Self.stored(held, id: 7)], reparsedPaths: ["Notes/a.md", "Notes/b.md"], run: run) == plan)
    }

    /// One card's life: back edit, reword, move, delete, restore; the id never changes.
    @Test func historyFollowsTheCardThroughEveryEdit() throws {
        var store: [StoredCard] = []
        var nextId: Int64 = 1
        func index(_ paths: Set<String>, _ drafts: [CardDraft]) -> ReconcilePlan.Counts {
            let plan = CardReconciler.plan(existing: store, reparsedPaths: paths, drafts: drafts)
            for draft in plan.inserts {
                store.append(Self.stored(draft, id: nextId))
                nextId += 1
            }
            for update in plan.updates {
                guard let at = store.firstIndex(where: { $0.id == update.id }) else { continue }
                let status = update.reason == .revived ? .active : store[at].status
                store[at] = Self.stored(update.draft, id: update.id, status: status)
            }
            for id in plan.retirements {
                guard let at = store.firstIndex(where: { $0.id == id }) else { continue }
                store[at].status = .retired
            }
            return plan.counts
        }
        let original = F.draft("What does the logQ correction subtract?", "log Q(j)")
        #expect(index(["Notes/a.md"], [original]) == ReconcilePlan.Counts(added: 1))
        let backEdited = F.draft("What does the logQ correction subtract?", "The log of the sampling probability.")
        #expect(index(["Notes/a.md"], [backEdited]) == ReconcilePlan.Counts(changed: 1))
        let reworded = F.draft("What does the logQ correction subtract from each logit?", backEdited.back)
        #expect(index(["Notes/a.md"], [reworded]) == ReconcilePlan.Counts(changed: 1))
        let moved = F.draft(reworded.front, reworded.back, path: "Notes/b.md", line: 8)
        #expect(index(["Notes/a.md", "Notes/b.md"], [moved]) == ReconcilePlan.Counts(moved: 1))
        #expect(index(["Notes/b.md"], []) == ReconcilePlan.Counts(retired: 1))
        #expect(index(["Notes/b.md"], [moved]) == ReconcilePlan.Counts(revived: 1))
        let card = try #require(store.first)
        #expect(store.count == 1)
        #expect(card.id == 1 && card.status == .active && card.path == "Notes/b.md")
    }
}
