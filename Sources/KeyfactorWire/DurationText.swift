/// A duration as it is written on kfjobs's command line and in simulator fleet files: one or more
/// runs of a number and a unit (`500ms`, `90s`, `10m`, `1h30m`, `7d`), or a bare number of seconds.
///
/// One grammar for every flag (`--wait-timeout`, `--wave-timeout`, `--job-delay`, `--latency`) and
/// every fleet duration, so that what works in one place works in the others. A manifest's schedule
/// intervals keep a stricter grammar of their own (whole minutes, Keyfactor's unit, no bare numbers:
/// `ManifestDecoding.parseDuration`), since there a wrong unit schedules a wrong job.
public enum DurationText {
    /// The longest duration accepted (100 years): anything longer would overflow the clock
    /// arithmetic of the sleeps and dates it ends up in.
    public static let maxSeconds: Double = 36_500 * 86_400

    private static let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]

    /// The seconds `text` stands for, from 0 to `maxSeconds`; nil when it is not a duration.
    public static func seconds(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        if let bare = Double(text), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            return bare <= maxSeconds ? bare : nil
        }
        var total = 0.0
        var rest = Substring(text)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(number.count)
            guard let value = Double(number),
                let unit = units.first(where: { rest.hasPrefix($0.suffix) })
            else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.seconds
        }
        return total <= maxSeconds ? total : nil
    }
}
