extension SimulatorFaults {
    /// Reads a latency as the fleet file and `--latency` write it: `20ms` (fixed) or `5ms..50ms` (a range).
    public static func parseLatency(_ text: String) -> ClosedRange<Double>? {
        FleetDecoder.latency(text)
    }

    /// Reads a rate: a fraction from 0 to 1, or a percentage such as `5%`.
    public static func parseRate(_ text: String) -> Double? {
        var value = Double(text)
        if text.hasSuffix("%") { value = Double(text.dropLast()).map { $0 / 100 } }
        guard let value, value >= 0, value <= 1 else { return nil }
        return value
    }

    /// Reads a duration: `500ms`, `2s`, `5m`, `1h`, `7d` or a bare number of seconds.
    public static func parseDuration(_ text: String) -> Double? {
        FleetDecoder.duration(text)
    }

    /// The sum of the four rates, which must not exceed 1.
    public var totalRate: Double { failRate + throttleRate + dropRate + hangRate }
}
