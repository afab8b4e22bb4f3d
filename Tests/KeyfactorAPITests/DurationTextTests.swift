import KeyfactorWire
import Testing

/// The one duration grammar of the command line and fleet files.
@Suite struct DurationTextTests {
    @Test(arguments: [
        ("500ms", 0.5), ("90s", 90), ("10m", 600), ("1h30m", 5400), ("7d", 604_800), ("2.5s", 2.5),
        ("1m500ms", 60.5), ("600", 600), ("0", 0), ("0.25", 0.25), ("36500d", 36_500 * 86_400),
    ] as [(String, Double)])
    func durationsAreRead(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: ["", "s", "fast", "10x", "5 m", "-5s", "1e5", "5mss", "ms", "1.2.3s", "36501d", ".nan", "inf"].dropFirst(2))
    func notDurationsAreRefused(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test func emptyAndUnitOnlyAreRefused() {
        #expect(DurationText.seconds("") == nil)
        #expect(DurationText.seconds("s") == nil)
    }
}
