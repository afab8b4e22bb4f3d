import KeyfactorWire

/// The rule for `--allow-env`: never a variable kfjobs reads for its connection or credentials.
///
/// The names are the client's (`KeyfactorEnvironment.names`, kept in KeyfactorWire so that the manifest
/// layer needs no HTTP client); any other `KEYFACTOR_` name is refused too, since a later version may read
/// it and a manifest must never be able to copy a credential into a job.
public enum CredentialVariables {
    /// Whether allowing `${env.NAME}` for this name is refused.
    public static func isCredential(_ name: String) -> Bool {
        KeyfactorEnvironment.isReserved(name) || name.hasPrefix("KEYFACTOR_")
    }

    /// Why `--allow-env NAME` must be refused (a usage error), or `nil` when it may be allowed.
    public static func problem(allowing name: String) -> String? {
        if isCredential(name) {
            return "--allow-env \(name) is refused: kfjobs reads \(name) for its connection or credentials"
        }
        if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            return "--allow-env '\(name)' is not an environment variable name"
        }
        return nil
    }
}
