/// `schemas/kfjobs-status.schema.json`, compiled in for `kfjobs schema status` (a test keeps the two identical).
public enum StatusSchema {
    public static let json = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://kfjobs.dev/schemas/kfjobs-status.schema.json",
      "title": "kfjobs status",
      "description": "The output of kfjobs status --output json: the server's state of every job the ledgers hold a live JobId for.",
      "type": "object",
      "required": ["summary", "jobs"],
      "properties": {
        "summary": {
          "type": "object",
          "required": ["total", "counts", "timedOut", "exitCode"],
          "properties": {
            "total": {"type": "integer", "minimum": 0, "description": "How many jobs were looked up."},
            "counts": {
              "type": "object",
              "description": "How many jobs are in each state.",
              "propertyNames": {"enum": ["scheduled", "waiting", "in-process", "succeeded", "warning", "failed", "unknown"]},
              "additionalProperties": {"type": "integer", "minimum": 1}
            },
            "timedOut": {"type": "boolean", "description": "--wait gave up before every job finished."},
            "exitCode": {"enum": [0, 2, 4], "description": "0 all succeeded (or recurring and scheduled), 2 some failed, warned or are unknown, 4 the wait timed out."}
          },
          "additionalProperties": false
        },
        "jobs": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["key", "server", "jobId", "run", "state", "recurring"],
            "properties": {
              "key": {"type": "string", "minLength": 1, "description": "MANIFEST/JOB[matrix]@AGENTID"},
              "server": {"type": "string", "minLength": 1, "description": "The normalised server base URL, or simulator."},
              "jobId": {"type": "string", "minLength": 1},
              "manifest": {"type": "string"},
              "job": {"type": "string"},
              "agentId": {"type": "string"},
              "clientMachine": {"type": "string"},
              "jobTypeName": {"type": "string"},
              "run": {"type": "string", "description": "The run that created, adopted, replaced or recreated the job."},
              "outcome": {"enum": ["submitted", "adopted", "replaced", "recreated"], "description": "The ledger's latest outcome for the job, which made it live (recreated: the server had lost it and apply scheduled it anew)."},
              "state": {"enum": ["scheduled", "waiting", "in-process", "succeeded", "warning", "failed", "unknown"]},
              "recurring": {"type": "boolean", "description": "A recurring job stays scheduled; waiting does not wait for it."},
              "message": {"type": "string", "description": "The latest run's message from JobHistory (the reason of a failure or warning)."},
              "jobHistoryId": {"type": "integer", "description": "The latest run's JobHistoryId."},
              "operationEnd": {"type": "string", "description": "When the latest run ended, RFC 3339 UTC."}
            },
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """#
}
