import Testing
@testable import Empty
@Test func answerIsFortyTwo() { #expect(answer == 42) }
