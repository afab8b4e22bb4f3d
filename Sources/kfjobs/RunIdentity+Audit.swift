#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RunIdentity {
    /// The login name of the user running kfjobs: the password database's name for the real user id,
    /// else `USER` or `LOGNAME`, and the numeric id only when there is no name at all.
    static func loginName(environment: [String: String]) -> String {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name, name.pointee != 0 {
            return String(cString: name)
        }
        for variable in ["USER", "LOGNAME"] {
            if let name = environment[variable], !name.isEmpty { return name }
        }
        return String(uid)
    }
}
