import Foundation
import KFJobsManifest
import KeyfactorWire
import Testing
import YAMLTree
@testable import KFJobs

@Suite("kfjobs init's starter manifest")
struct StarterManifestTests {
    @Test(arguments: [
        ("RefreshInventory", "refresh-inventory"), ("RotateSSHKeys", "rotate-ssh-keys"), ("FetchLogs", "fetch-logs"),
        ("Purge_Temp Files2", "purge-temp-files2"), ("ÜÜ", nil),
    ] as [(String, String?)])
    func namesComeFromTheJobType(jobType: String, name: String?) {
        #expect(StarterManifest.defaultName(jobType: jobType) == name)
    }

    /// Whatever the server's names and defaults hold, the manifest reads back as written: every
    /// scalar is quoted where YAML would read it otherwise.
    @Test func awkwardNamesAndDefaultsReadBackExactly() throws {
        let type = CustomJobType(jobTypeName: "Odd: Type", description: "it's #1", jobTypeFields: [
            JobTypeField(name: "Key: With Colon", type: .string, required: true),
            JobTypeField(name: "yes", type: .boolean, defaultValue: "false"),
        ])
        let starter = StarterManifest(jobType: type, name: "odd", query: #"ClientMachine -eq "a'b""#, eligible: 3, server: "simulator")
        let parsed = YAMLParser.parse(Array(starter.text.utf8), file: "odd.yaml")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        let job = try #require(parsed.documents.first?.root?["jobs"]?.sequence?.first)
        #expect(job["jobType"]?.text == "Odd: Type")
        #expect(job["agents"]?["query"]?.text == #"ClientMachine -eq "a'b""#)
        #expect(job["fields"]?["Key: With Colon"]?.text == "<FILL IN: String>")
        #expect(parsed.documents.first?.root?["metadata"]?["description"]?.text == "it's #1")
        let decoded = ManifestDecoder(now: Date()).decode([ManifestInput(file: "odd.yaml", documents: parsed.documents)])
        #expect(decoded.diagnostics.map(\.message) == [
            "field 'Key: With Colon' still holds the placeholder kfjobs init wrote; fill it in with a value of type String"
        ])
    }
}
