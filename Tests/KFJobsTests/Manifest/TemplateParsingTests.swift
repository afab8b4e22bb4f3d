@testable import KFJobsManifest
import TestSupport
import Testing

@Suite("Template parsing shortcuts")
struct TemplateParsingTests {
    /// Pieces that make every branch of the walk likely: `$${`, `${` with and without `}`, bad insides.
    static let pieces = ["$", "{", "}", ".", "${", "$${", "}}", "agent", "matrix", "vars", "env", "x", "AgentId", "-", " ", "\r\n", "a.b"]

    @Test("ASCII text parses byte by byte exactly as Character by Character")
    func asciiWalkMatchesCharacterWalk() {
        var generator = SplitMix64(seed: 17)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...8, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            #expect(Template.parse(text) == Template.parseCharacters(text), "\(text)")
        }
    }

    @Test("substituting merges as it goes exactly as building a template of the substituted parts does")
    func substitutingMatchesRebuilding() throws {
        var generator = SplitMix64(seed: 29)
        let values = ["", "x", "${", "a b", "$"]
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...8, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            guard let template = try? Template.parse(text).get() else { continue }
            // Each variable substituted with one of the values, or left (nil), at random but repeatably.
            let choices = template.parts.map { _ in Int.random(in: 0...values.count, using: &generator) }
            var choiceByVariable: [TemplateVariable: Int] = [:]
            for (part, choice) in zip(template.parts, choices) {
                if case .variable(let variable) = part, choiceByVariable[variable] == nil { choiceByVariable[variable] = choice }
            }
            func value(_ variable: TemplateVariable) -> String? {
                let choice = choiceByVariable[variable] ?? values.count
                return choice < values.count ? values[choice] : nil
            }
            let rebuilt = Template(parts: template.parts.map { part in
                if case .variable(let variable) = part, let text = value(variable) { return .literal(text) }
                return part
            })
            #expect(template.substituting(value) == rebuilt, "\(text)")
        }
    }

    @Test("text without `$` is one literal (or none), as the Character walk makes it")
    func withoutDollar() throws {
        for text in ["", "plain", "ünïcödé {x}", "a}b{c", String(repeating: "long value ", count: 20)] {
            #expect(Template.parse(text) == Template.parseCharacters(text))
            #expect(try Template.parse(text).get().literalText == text)
        }
    }

    @Test("among ASCII scalars the alphabetic ones are exactly the letters (the variable name check's shortcut)")
    func asciiAlphabetic() {
        for value in UInt8(0)..<0x80 {
            let scalar = Unicode.Scalar(value)
            #expect(scalar.properties.isAlphabetic == (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)), "\(value)")
        }
    }

    @Test("a `$` joined to a combining mark is not a `$`: non-ASCII text keeps the Character walk")
    func combiningMark() throws {
        let text = "$\u{301}{vars.x}"
        #expect(try Template.parse(text).get().parts == [.literal(text)])
        #expect(try Template.parse("é ${vars.x}").get().parts == [.literal("é "), .variable(TemplateVariable(.vars, "x"))])
    }
}
