extension KeyfactorClientError {
    /// What a failed job submission means for the job, so every caller classifies alike.
    public enum Disposition: String, Sendable, Hashable {
        /// Certainly nothing was created and trying again may succeed (no connection, 429, 503):
        /// send again after a backoff, honouring `retryAfter`.
        case notSent
        /// The server refused this request (a 4xx other than 401, 403 and 429): sending it again
        /// would fail the same way.
        case rejected
        /// The request may have taken effect (timeouts after sending, 500, 502, 504, a lost
        /// connection): reconcile before sending again.
        case unknown
        /// Every request would fail alike (credentials, permission, TLS, settings): stop the run.
        case fatal
    }

    public var disposition: Disposition {
        switch kind {
        case .authentication, .permission, .tls, .configuration:
            return .fatal
        case .httpStatus:
            if isTransient { return .notSent }
            if reachedServer == .maybe { return .unknown }
            return .rejected
        default:
            return reachedServer == .never ? .notSent : .unknown
        }
    }
}
