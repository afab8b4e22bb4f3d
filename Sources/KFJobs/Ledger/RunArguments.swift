/// The arguments a `run` record keeps: every one as given, except the values of options that carry
/// a secret, which are `***` (`--opt VALUE` and `--opt=VALUE`).
public enum RunArguments {
    /// Options whose value is a secret. None take one today: credentials come from the environment or
    /// a profile, and `--url` refuses user information. An option that comes to carry a secret is
    /// listed here, and only its value is masked; a name that merely contains "secret" or "token"
    /// (`--allow-env MY_SECRET`) is not a secret's value.
    public static let secretOptions: Set<String> = []

    public static func recorded(_ arguments: [String], secretOptions: Set<String> = secretOptions) -> [String] {
        var recorded: [String] = []
        var maskNext = false
        for argument in arguments {
            if maskNext {
                recorded.append("***")
                maskNext = false
            } else if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "="),
                      secretOptions.contains(String(argument[..<equals])) {
                recorded.append(argument[...equals] + "***")
            } else {
                recorded.append(argument)
                maskNext = secretOptions.contains(argument)
            }
        }
        return recorded
    }
}
