import Testing
@testable import KFJobs

@Suite("run record arguments")
struct RunArgumentsTests {
    @Test func namesThatSoundSecretAreNotMaskedAndTheOptionAfterThemIsKept() {
        let arguments = ["apply", "m.yaml", "--allow-env", "MY_SECRET", "--output", "json", "--allow-env", "API_TOKEN", "--ledger", "password.jsonl"]
        #expect(RunArguments.recorded(arguments) == arguments)
    }

    @Test func onlyTheValuesOfSecretOptionsAreMasked() {
        let recorded = RunArguments.recorded(
            ["apply", "--client-secret", "s3cr3t", "--output", "json", "--client-secret=other", "--client-secret-file", "f"],
            secretOptions: ["--client-secret"])
        #expect(recorded == ["apply", "--client-secret", "***", "--output", "json", "--client-secret=***", "--client-secret-file", "f"])
    }

    @Test func noSecretOptionsToday() {
        #expect(RunArguments.secretOptions.isEmpty)
    }
}
