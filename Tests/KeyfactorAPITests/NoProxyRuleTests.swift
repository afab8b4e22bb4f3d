import KeyfactorAPI
import Testing

/// NO_PROXY entries as Go's httpproxy matches them: hosts, domain suffixes, IPs, CIDR blocks, `*`, ports.
@Suite struct NoProxyRuleTests {
    @Test(arguments: [
        ("*", "anything.example.com", 443, true),
        ("example.com", "example.com", 443, true),
        ("example.com", "kf.example.com", 443, true),
        ("example.com", "notexample.com", 443, false),
        (".example.com", "kf.example.com", 443, true),
        (".example.com", "example.com", 443, false),
        ("*.example.com", "kf.example.com", 443, true),
        ("*.example.com", "example.com", 443, false),
        ("KF.Example.com", "kf.EXAMPLE.com", 443, true),
        ("example.com:8443", "kf.example.com", 8443, true),
        ("example.com:8443", "kf.example.com", 443, false),
        ("10.1.2.3", "10.1.2.3", 443, true),
        ("10.1.2.3", "10.1.2.4", 443, false),
        ("10.0.0.0/8", "10.200.3.4", 443, true),
        ("10.0.0.0/8", "11.0.0.1", 443, false),
        ("192.168.4.0/22", "192.168.7.255", 443, true),
        ("192.168.4.0/22", "192.168.8.1", 443, false),
        ("::1", "[::1]", 443, true),
        ("fd00::/8", "fd12:3456::1", 443, true),
        ("fd00::/8", "10.0.0.1", 443, false),
        ("127.0.0.1", "localhost", 443, false),
        ("example.com", "10.0.0.1", 443, false),
    ])
    func matches(entry: String, host: String, port: Int, expected: Bool) throws {
        let rules = try NoProxyRule.parseList(entry, variable: "NO_PROXY")
        #expect(rules.count == 1)
        #expect(rules[0].matches(host: host, port: port) == expected)
    }

    @Test func listsSkipBlanksAndRejectNonsense() throws {
        #expect(try NoProxyRule.parseList(" a.com, ,10.0.0.0/8,", variable: "NO_PROXY").map(\.description) == ["a.com", "10.0.0.0/8"])
        for bad in ["10.0.0.0/33", "host:port", "a b", "1.2.3.4/x"] {
            #expect(throws: KeyfactorClientError.self) { try NoProxyRule.parseList(bad, variable: "no_proxy") }
        }
    }
}
