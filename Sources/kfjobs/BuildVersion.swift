import CKFJobsBuild
import KFJobs

/// The version as `--version`, the ledger's run records and the User-Agent give it: the release
/// number and the commit it was built from, `0.1.0 (v0.1.0-4-g4afec51)`, or `0.1.0 (development
/// build)` when built without scripts/release.sh.
enum BuildVersion {
    static let full: String = {
        let commit = String(cString: kfjobs_build_commit())
        return "\(KFJobsVersion.current) (\(commit.isEmpty ? "development build" : commit))"
    }()
}
