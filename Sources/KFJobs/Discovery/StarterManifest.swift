#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobsManifest
import KeyfactorWire

/// The starter manifest `kfjobs init` writes: the schema line, one job of the given type with its
/// selector and an `expect` guard from today's count, and every field of the type as a commented line
/// with its type, whether it is required and its default. A required field without a default is
/// written with an `InitPlaceholder`, which `validate` refuses until it is filled in.
public struct StarterManifest: Sendable {
    public var jobType: CustomJobType
    public var name: String
    public var query: String
    /// Eligible orchestrators today (the `expect` guard).
    public var eligible: Int
    public var server: String

    public init(jobType: CustomJobType, name: String, query: String, eligible: Int, server: String) {
        self.jobType = jobType
        self.name = name
        self.query = query
        self.eligible = eligible
        self.server = server
    }

    /// The query a starter job selects with when none is given: approved orchestrators, and for
    /// FetchLogs those with LOGS (the seed's own query).
    public static func defaultQuery(jobType: String) -> String {
        jobType == JobTypeCatalog.builtInName ? #"Status -eq 2 AND Capabilities -contains "LOGS""# : "Status -eq 2"
    }

    /// A manifest name from a job type name: `RefreshInventory` → `refresh-inventory`, or `nil`
    /// when nothing of it fits the name rule.
    public static func defaultName(jobType: String) -> String? {
        let characters = Array(jobType)
        var name = ""
        for (index, character) in characters.enumerated() {
            // A word starts at an upper-case letter after a lower-case one or a digit, and at the last
            // capital of an acronym (`SSHKeys` → `ssh-keys`).
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character.isUppercase, let previous,
               previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                name += "-"
            }
            if character.isASCII, character.isLetter || character.isNumber {
                name += character.lowercased()
            } else if !name.hasSuffix("-") {
                name += "-"
            }
        }
        let trimmed = String(name.trimmingScalars(in: "-").prefix(63)).trimmingScalars(in: "-")
        return isValidName(trimmed) ? trimmed : nil
    }

    /// The manifest and job name rule, `[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?`.
    public static func isValidName(_ text: String) -> Bool {
        ManifestDecoder.isValidName(text)
    }

    /// The manifest's text.
    public var text: String {
        var lines = [
            "# yaml-language-server: $schema=kfjobs-manifest.schema.json",
            "# Written by kfjobs init from job type \(jobType.jobTypeName) on \(server). For completion in your editor,",
            "# save the schema beside it: kfjobs schema manifest > kfjobs-manifest.schema.json",
            "apiVersion: kfjobs/v1",
            "kind: JobManifest",
            "metadata:",
            "  name: \(name)",
        ]
        if let description = jobType.description, !description.isEmpty {
            lines.append("  description: \(Self.quoted(description))")
        }
        lines += [
            "jobs:",
            "  - name: \(name)",
            "    jobType: \(Self.quoted(jobType.jobTypeName))",
            "    agents:",
            "      query: \(Self.quoted(query))",
        ]
        if eligible > 0 {
            lines.append("      expect: {min: \(eligible), max: \(eligible)}   # eligible today; widen it as the estate changes")
        } else {
            lines.append("      expect: {min: 1}   # no orchestrator is eligible today: check the query with kfjobs agents")
        }
        lines.append("    schedule: immediate")
        let fields = jobType.jobTypeFields
        guard !fields.isEmpty else {
            lines.append("    # \(jobType.jobTypeName) has no fields")
            return lines.joined(separator: "\n") + "\n"
        }
        // Fields left out take the server's default; with none to fill in, `fields:` itself stays a
        // comment (a mapping of only comments would be null, which a manifest refuses).
        let placeholders = fields.filter { $0.required && ($0.defaultValue ?? "").isEmpty }
        lines.append(placeholders.isEmpty ? "    # fields:   (uncomment it with the fields you set)" : "    fields:")
        for field in fields {
            lines.append("      # \(field.name): \(Self.describe(field))")
            let key = Self.quoted(field.name)
            if placeholders.contains(field) {
                lines.append("      \(key): \(Self.quoted(InitPlaceholder.text(type: field.type.displayName)))")
            } else {
                lines.append("      # \(key): \(Self.quoted(field.defaultValue ?? Self.example(field.type)))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Integer, required, default 4096`.
    static func describe(_ field: JobTypeField) -> String {
        var parts = [field.type.displayName, field.required ? "required" : "optional"]
        if let value = field.defaultValue, !value.isEmpty {
            parts.append("default \(value)")
        } else {
            parts.append("no default")
        }
        return parts.joined(separator: ", ")
    }

    /// A value of the type, for the commented line of an optional field with no default.
    static func example(_ type: JobFieldType) -> String {
        switch type {
        case .string, .unknown: "text"
        case .integer: "0"
        case .boolean: "false"
        case .dateTime: "2026-12-01T02:30:00Z"
        }
    }

    /// A YAML scalar that reads back as exactly `text`: plain when that is safe, else single-quoted.
    static func quoted(_ text: String) -> String {
        let plainSafe = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
        } && !["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"].contains(text.lowercased())
            && !(text.first?.isNumber ?? false)
        return plainSafe ? text : "'" + text.replacingLiteral("'", with: "''") + "'"
    }
}
