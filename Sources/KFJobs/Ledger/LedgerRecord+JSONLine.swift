import KeyfactorWire

extension LedgerRecord {
    /// The record as one line of JSON (without the newline): keys sorted, absent members left out,
    /// byte for byte what `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes
    /// (every job costs two records; a test holds the two to the same bytes).
    func jsonLine() -> [UInt8] {
        var line = JSONWriter(capacity: 512)
        line.begin()
        // Members in the byte order of their keys, as `.sortedKeys` sorts them.
        line.member("agentId", agentId)
        line.member("arguments", arguments)
        line.member("at", at)
        line.member("attempts", attempts)
        line.member("ci", ci)
        line.member("clientMachine", clientMachine)
        line.member("durationMs", durationMs)
        if let error {
            line.member("error") {
                $0.member("code", error.code)
                $0.member("message", error.message)
            }
        }
        line.member("fingerprint", fingerprint)
        line.member("host", host)
        line.member("httpStatus", httpStatus)
        if let inputs {
            line.key("inputs")
            line.beginArray()
            for input in inputs {
                line.element()
                line.begin()
                line.member("path", input.path)
                line.member("sha256", input.sha256)
                line.end()
            }
            line.endArray()
        }
        line.member("job", job)
        line.member("jobId", jobId)
        line.member("jobTypeName", jobTypeName)
        line.member("key", key)
        line.member("manifest", manifest)
        line.member("orchestratorId", orchestratorId)
        line.member("outcome", outcome?.rawValue)
        line.member("reconciled", reconciled)
        line.member("requestTimestamp", requestTimestamp)
        line.member("resubmitToken", resubmitToken)
        line.member("run", run)
        line.member("server", server)
        line.member("type", type.rawValue)
        line.member("user", user)
        line.member("v", v)
        line.member("version", version)
        line.end()
        return line.bytes
    }
}
