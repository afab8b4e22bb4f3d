/// `schemas/kfjobs-ledger.schema.json`, compiled in for `kfjobs schema ledger` (a test keeps the two identical).
public enum LedgerSchema {
    public static let json = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://kfjobs.dev/schemas/kfjobs-ledger.schema.json",
      "title": "kfjobs ledger record",
      "description": "One line of a kfjobs ledger (JSON Lines): a run, an intent or an outcome record.",
      "type": "object",
      "required": ["v", "type", "at", "run", "server"],
      "properties": {
        "v": {"const": 1, "description": "The record format version."},
        "type": {"enum": ["run", "intent", "outcome"], "description": "run opens an apply; intent is written before a request leaves; outcome follows it."},
        "at": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$", "description": "When the record was written: RFC 3339, UTC, milliseconds."},
        "run": {"type": "string", "minLength": 1, "description": "The id of the apply run that wrote the record."},
        "server": {"type": "string", "minLength": 1, "description": "The normalised server base URL, or simulator."},
        "version": {"type": "string", "description": "run: the kfjobs version."},
        "user": {"type": "string", "description": "run: the user who ran apply."},
        "host": {"type": "string", "description": "run: the machine apply ran on."},
        "arguments": {"type": "array", "items": {"type": "string"}, "description": "run: the command line, secrets masked."},
        "inputs": {
          "type": "array",
          "description": "run: each manifest file and the SHA-256 of its contents.",
          "items": {
            "type": "object",
            "required": ["path", "sha256"],
            "properties": {
              "path": {"type": "string", "description": "The path as given."},
              "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "Hex SHA-256 of the file."}
            },
            "additionalProperties": false
          }
        },
        "ci": {"type": "object", "additionalProperties": {"type": "string"}, "description": "run: the CI context (GITHUB_SHA, GITHUB_RUN_ID, GITHUB_SERVER_URL, GITHUB_REPOSITORY, CI_COMMIT_SHA, CI_PIPELINE_URL)."},
        "key": {"type": "string", "description": "The concrete job's key: MANIFEST/JOB[k=v,...]@agentid."},
        "fingerprint": {"type": "string", "description": "SHA-256 of the job's canonical definition (secrets left out)."},
        "manifest": {"type": "string", "description": "The manifest's metadata.name."},
        "job": {"type": "string", "description": "The job's name in the manifest."},
        "agentId": {"type": "string", "description": "The orchestrator's AgentId."},
        "clientMachine": {"type": "string", "description": "The orchestrator's ClientMachine."},
        "jobTypeName": {"type": "string", "description": "The job type's name."},
        "resubmitToken": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^\\S+$", "description": "intent and outcome: the apply --resubmit token the job was sent under (jobs that run once); a later apply with the same token does not send it again."},
        "outcome": {"enum": ["submitted", "adopted", "replaced", "recreated", "unscheduled", "rejected", "failed", "unknown", "cancelled"], "description": "outcome: what became of the job (recreated: a recurring job the server had lost, scheduled anew)."},
        "jobId": {"type": "string", "description": "The JobId the server gave (submitted, replaced, recreated, reconciled), adopted, or unscheduled."},
        "orchestratorId": {"type": "string", "description": "The OrchestratorId of the server's answer."},
        "requestTimestamp": {"type": "string", "description": "The RequestTimestamp of the server's answer."},
        "httpStatus": {"type": "integer", "description": "The last HTTP status, when the server answered."},
        "error": {
          "type": "object",
          "required": ["code", "message"],
          "description": "Why a job was rejected, failed or is unknown: the server's ErrorCode and Message, or a transport code such as transport.timeout.",
          "properties": {
            "code": {"type": "string", "description": "The server's ErrorCode, or a kfjobs code (http.503, transport.timeout, ...)."},
            "message": {"type": "string", "description": "The server's Message, or what went wrong."}
          },
          "additionalProperties": false
        },
        "attempts": {"type": "integer", "minimum": 1, "description": "How many requests were sent for this outcome."},
        "durationMs": {"type": "integer", "minimum": 0, "description": "From the first attempt to the outcome, in milliseconds."},
        "reconciled": {"type": "boolean", "description": "The JobId was found on the server after an uncertain answer."}
      },
      "allOf": [
        {"if": {"properties": {"type": {"const": "run"}}}, "then": {"required": ["version", "arguments", "inputs"]}},
        {"if": {"properties": {"type": {"const": "intent"}}}, "then": {"required": ["key", "fingerprint", "agentId", "jobTypeName"]}},
        {"if": {"properties": {"type": {"const": "outcome"}}}, "then": {"required": ["key", "outcome", "agentId", "jobTypeName", "attempts"]}}
      ],
      "additionalProperties": false
    }
    """#
}
