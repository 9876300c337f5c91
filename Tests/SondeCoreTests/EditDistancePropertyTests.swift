import PropertyBased
import Testing
@testable import SondeCore

/// The one edit distance behind every "did you mean": symmetric and bounded on random words,
/// and one edit of a word is always found again as its nearest. (With swaps counted as one edit
/// the triangle inequality does not hold: ca → ac → abc is 2, ca → abc is 3; so it is not checked.)
@Suite struct EditDistancePropertyTests {
    private static let words = Gen<Character?>.element(of: Array("abcdeé_/-xyz")).map { $0 ?? "a" }.string(of: 0...10)

    @Test func itIsSymmetricZeroOnlyForTheSameWordAndBoundedByTheLengths() async {
        await propertyCheck(count: 300, input: Self.words, Self.words) { a, b in
            let ab = EditDistance.between(a, b)
            #expect(ab == EditDistance.between(b, a))
            #expect((ab == 0) == (a.lowercased() == b.lowercased()))
            #expect(ab <= max(a.count, b.count))
            #expect(ab >= abs(a.count - b.count))
        }
    }

    @Test func aWordWithOneCharacterDroppedSuggestsTheWord() async {
        await propertyCheck(count: 200, input: Self.words.filter { $0.count >= 2 }, Gen.int(in: 0...9)) { word, at in
            var typo = Array(word)
            typo.remove(at: at % typo.count)
            let suggestions = EditDistance.suggestions(for: String(typo), among: [word, "zzzzzzzzzzzzzzzzzz"])
            #expect(suggestions == [word] || String(typo) == word)
        }
    }
}
