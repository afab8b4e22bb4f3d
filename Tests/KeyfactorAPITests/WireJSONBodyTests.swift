import Foundation
import KeyfactorWire
import Testing

/// The hand-written JSON of the submission path (`JSONWriter`, `CustomJobRequest.jsonBody`) says
/// exactly what `JSONEncoder` says for the same values.
@Suite struct WireJSONBodyTests {
    static let time = KeyfactorDate.parse("2026-12-01T02:30:00.25Z") ?? .distantPast

    /// Every byte below 0x80 that JSON treats specially, and some that it does not.
    static let awkwardStrings = [
        "", "plain", #"quote " and backslash \"#, "slash / stays", "tab\tnew\nline\r", "Ünïcödé ✓ 🚀",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }), "\u{7F}\u{2028}\u{2029}",
    ]

    @Test(arguments: awkwardStrings)
    func stringsAreTheBytesJSONEncoderWrites(text: String) throws {
        var writer = JSONWriter()
        writer.string(text)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        #expect(writer.bytes == Array(try encoder.encode(text)))
    }

    static let schedules: [Schedule] = [
        .immediate, .interval(minutes: 30), .daily(time: time), .weekly(days: [0, 6], time: time),
        .monthly(day: 31, time: time), .exactlyOnce(time: time),
    ]

    @Test(arguments: schedules, KeyCasing.allCases)
    func requestBodyIsTheValueJSONEncoderWrites(schedule: Schedule, casing: KeyCasing) throws {
        let request = CustomJobRequest(
            agentId: "0b7b1e5c-1111-4a4a-9c9c-000000000001", jobTypeName: "Rotate\"Keys\"", schedule: schedule,
            jobFields: Dictionary(uniqueKeysWithValues: Self.awkwardStrings.enumerated().map { ("Field\($0.offset) \($0.element)", $0.element) }))
        let written = Data(request.jsonBody(casing: casing))
        let encoded = try KeyfactorJSON.encoder(casing: casing).encode(request)
        let writtenValue = try #require(try JSONSerialization.jsonObject(with: written) as? NSDictionary)
        let encodedValue = try #require(try JSONSerialization.jsonObject(with: encoded) as? NSDictionary)
        #expect(writtenValue == encodedValue)
        #expect(try KeyfactorJSON.decoder().decode(CustomJobRequest.self, from: written) == request)
    }

    @Test func fetchLogsBodyIsCompact() {
        let body = CustomJobRequest(agentId: "a", jobTypeName: "FetchLogs").jsonBody()
        #expect(String(decoding: body, as: UTF8.self) == #"{"AgentId":"a","JobTypeName":"FetchLogs","Schedule":{"Immediate":true},"JobFields":{}}"#)
    }
}
