/// The version of kfjobs, sent as `User-Agent: kfjobs/VERSION` and written into every ledger run record.
public enum KFJobsVersion {
    public static let current = "0.1.0"
}
