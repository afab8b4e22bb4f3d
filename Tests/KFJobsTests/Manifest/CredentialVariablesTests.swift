import KFJobs
import KFJobsManifest
import Testing

@Suite("--allow-env")
struct CredentialVariablesTests {
    @Test("allowing a variable kfjobs reads for its connection or credentials is refused", arguments: [
        "KEYFACTOR_PASSWORD", "KEYFACTOR_AUTH_CLIENT_SECRET", "KEYFACTOR_AUTH_ACCESS_TOKEN", "KEYFACTOR_HOSTNAME",
        "KEYFACTOR_SOMETHING_NEW",
    ])
    func credentialRefused(name: String) {
        #expect(CredentialVariables.problem(allowing: name) == "--allow-env \(name) is refused: kfjobs reads \(name) for its connection or credentials")
    }

    @Test("other variable names are allowed; malformed names are not")
    func otherNames() {
        #expect(CredentialVariables.problem(allowing: "REFRESH_TOKEN") == nil)
        #expect(CredentialVariables.problem(allowing: "keyfactor_password") == nil)
        #expect(CredentialVariables.problem(allowing: "A-B") == "--allow-env 'A-B' is not an environment variable name")
        #expect(CredentialVariables.problem(allowing: "") == "--allow-env '' is not an environment variable name")
    }
}
