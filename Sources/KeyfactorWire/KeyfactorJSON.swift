#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON key casing of a Keyfactor Command body: v10-era servers use PascalCase, Command 11+ camelCase.
public enum KeyCasing: String, Sendable, Hashable, Codable, CaseIterable {
    case pascal
    case camel

    /// A member name, given in PascalCase, as this casing spells it.
    public func spelling(_ pascalName: String) -> String {
        switch self {
        case .pascal: pascalName
        case .camel: pascalName.prefix(1).lowercased() + pascalName.dropFirst()
        }
    }
}

/// The one place that configures coders for the Keyfactor wire format.
///
/// The wire types read and write their keys themselves (see `WireKey`), rather than through a
/// key strategy, because Foundation applies key strategies to dictionary keys too and the keys of
/// `JobFields` must reach the server exactly as the job type spells them.
public enum KeyfactorJSON {
    /// The `userInfo` key under which an encoder carries the `KeyCasing` to write.
    public static let casingKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "kfjobs.keyfactor.casing") else {
            preconditionFailure("a literal CodingUserInfoKey is always valid")
        }
        return key
    }()

    /// An encoder writing keys in `casing` (PascalCase by default), slashes unescaped.
    public static func encoder(casing: KeyCasing = .pascal, sortedKeys: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = [.withoutEscapingSlashes]
        if sortedKeys { formatting.insert(.sortedKeys) }
        encoder.outputFormatting = formatting
        encoder.userInfo[casingKey] = casing
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(KeyfactorDate.format(date))
        }
        return encoder
    }

    /// A decoder accepting either casing and Keyfactor's date spellings.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = KeyfactorDate.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an ISO 8601 date-time: \(text)")
            }
            return date
        }
        return decoder
    }
}
