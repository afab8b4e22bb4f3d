/// Job keys: how matrix values are written inside `[k=v,...]`.
public enum JobKey {
    /// Percent-encodes `%`, `,`, `=`, `]`, `@` and `/` (the characters that delimit a key), nothing else.
    public static func escape(_ value: String) -> String {
        var output = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case ",": output += "%2C"
            case "=": output += "%3D"
            case "]": output += "%5D"
            case "@": output += "%40"
            case "/": output += "%2F"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
