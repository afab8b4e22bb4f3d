/// `schemas/kfjobs-plan.schema.json`, compiled in for `kfjobs schema plan` (a test keeps the two identical).
public enum PlanSchema {
    public static let json = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://kfjobs.dev/schemas/kfjobs-plan.schema.json",
      "title": "kfjobs plan",
      "description": "What kfjobs apply would do: `kfjobs plan --output json` and `kfjobs plan --out FILE`. Secret values appear as ***.",
      "type": "object",
      "required": ["v", "server", "createdAt", "inputs", "summary", "jobs", "excluded", "definitions", "diagnostics"],
      "properties": {
        "v": {"const": 1, "description": "The plan format version."},
        "server": {"type": "string", "description": "The normalised server base URL, or simulator."},
        "createdAt": {"type": "string", "description": "When the plan was made: RFC 3339, UTC, milliseconds."},
        "resubmitToken": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^\\S+$", "description": "The --resubmit token the plan was made with (1-128 printable characters, no white space); apply --plan must be given the same."},
        "inputs": {
          "type": "array",
          "description": "Each manifest file and the SHA-256 of its contents.",
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
        "summary": {
          "type": "object",
          "description": "Counts of the plan.",
          "required": ["submit", "skip", "adopt", "replace", "recreate", "resubmit", "unschedule", "excluded", "agents", "errors", "warnings", "maxJobs", "overMaxJobs"],
          "properties": {
            "submit": {"type": "integer", "minimum": 0, "description": "Jobs to create."},
            "skip": {"type": "integer", "minimum": 0, "description": "Jobs the ledger already holds with the same fingerprint."},
            "adopt": {"type": "integer", "minimum": 0, "description": "Identical recurring jobs already on the server, to record."},
            "replace": {"type": "integer", "minimum": 0, "description": "Recurring jobs whose definition changed: unscheduled, then created."},
            "recreate": {"type": "integer", "minimum": 0, "description": "Recurring jobs the ledger holds unchanged that are gone from the server's ScheduledJobs (drift): created anew."},
            "resubmit": {"type": "integer", "minimum": 0, "description": "Immediate and run-once jobs the ledger holds as done, sent again under --resubmit TOKEN."},
            "unschedule": {"type": "integer", "minimum": 0, "description": "Recurring jobs no manifest defines any more (--prune)."},
            "excluded": {"type": "integer", "minimum": 0, "description": "Matched orchestrators that get no job."},
            "agents": {"type": "integer", "minimum": 0, "description": "Distinct orchestrators that get a new job (the blast radius)."},
            "errors": {"type": "integer", "minimum": 0, "description": "Errors found; apply sends nothing when this is not 0."},
            "warnings": {"type": "integer", "minimum": 0, "description": "Warnings found."},
            "maxJobs": {"type": "integer", "minimum": 0, "description": "The --max-jobs limit the plan was made with."},
            "overMaxJobs": {"type": "boolean", "description": "Whether the plan sends more requests than maxJobs (apply refuses it)."}
          },
          "additionalProperties": false
        },
        "jobs": {
          "type": "array",
          "description": "Every concrete job, in a deterministic order.",
          "items": {
            "type": "object",
            "required": ["key", "fingerprint", "action", "manifest", "job", "agentId", "clientMachine", "jobTypeName", "request"],
            "properties": {
              "key": {"type": "string", "description": "MANIFEST/JOB[k=v,...]@agentid."},
              "fingerprint": {"type": "string", "description": "SHA-256 of the job's canonical definition (secrets left out)."},
              "action": {"enum": ["submit", "skip", "adopt", "replace", "recreate", "resubmit", "unschedule"], "description": "What apply does with the job."},
              "manifest": {"type": "string", "description": "The manifest's metadata.name."},
              "job": {"type": "string", "description": "The job's name."},
              "agentId": {"type": "string", "description": "The orchestrator's AgentId."},
              "clientMachine": {"type": "string", "description": "The orchestrator's ClientMachine."},
              "jobTypeName": {"type": "string", "description": "The job type's name."},
              "request": {
                "type": "object",
                "description": "The exact body of POST /OrchestratorJobs/Custom, PascalCase, secrets as ***.",
                "required": ["AgentId", "JobTypeName", "Schedule"],
                "properties": {
                  "AgentId": {"type": "string", "description": "The orchestrator's GUID."},
                  "JobTypeName": {"type": "string", "description": "The job type."},
                  "Schedule": {"type": "object", "description": "Keyfactor's schedule object: exactly one of Immediate, Interval, Daily, Weekly, Monthly, ExactlyOnce."},
                  "JobFields": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Field name to value, canonical strings."}
                }
              },
              "existingJobId": {"type": "string", "description": "skip and adopt: the JobId that exists; replace and unschedule: the JobId removed; recreate: the JobId the server lost; resubmit: the JobId that ran before."},
              "reconcile": {"type": "boolean", "description": "An earlier run's request may have reached the server: apply looks before sending."}
            },
            "additionalProperties": false
          }
        },
        "excluded": {
          "type": "array",
          "description": "Orchestrators a selector matched that get no job, and why.",
          "items": {
            "type": "object",
            "required": ["manifest", "job", "agentId", "clientMachine", "reason"],
            "properties": {
              "manifest": {"type": "string", "description": "The manifest's metadata.name."},
              "job": {"type": "string", "description": "The job's name."},
              "combination": {"type": "string", "description": "The matrix combination, k=v,... ."},
              "agentId": {"type": "string", "description": "The orchestrator's AgentId."},
              "clientMachine": {"type": "string", "description": "The orchestrator's ClientMachine."},
              "reason": {"type": "string", "description": "Why it gets no job: not approved, no LOGS capability, not seen lately."}
            },
            "additionalProperties": false
          }
        },
        "definitions": {
          "type": "array",
          "description": "One entry per job definition and matrix combination.",
          "items": {
            "type": "object",
            "required": ["manifest", "job", "jobTypeName", "schedule", "matched", "eligible"],
            "properties": {
              "manifest": {"type": "string", "description": "The manifest's metadata.name."},
              "job": {"type": "string", "description": "The job's name."},
              "combination": {"type": "string", "description": "The matrix combination, k=v,... ."},
              "jobTypeName": {"type": "string", "description": "The job type."},
              "schedule": {"type": "string", "description": "The schedule as declared, e.g. daily 02:30Z."},
              "matched": {"type": "integer", "minimum": 0, "description": "Orchestrators the selector matched."},
              "eligible": {"type": "integer", "minimum": 0, "description": "Of those, how many get a job."}
            },
            "additionalProperties": false
          }
        },
        "diagnostics": {
          "type": "array",
          "description": "Problems found while planning.",
          "items": {
            "type": "object",
            "required": ["severity", "message"],
            "properties": {
              "severity": {"enum": ["error", "warning", "note"], "description": "How serious."},
              "file": {"type": "string", "description": "The input file, when the problem has a place."},
              "line": {"type": "integer", "minimum": 1, "description": "1-based line."},
              "column": {"type": "integer", "minimum": 1, "description": "1-based column, in characters."},
              "message": {"type": "string", "description": "What is wrong and what to do."}
            },
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """#
}
