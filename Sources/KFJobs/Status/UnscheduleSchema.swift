/// `schemas/kfjobs-unschedule.schema.json`, compiled in for `kfjobs schema unschedule` (a test keeps the two identical).
public enum UnscheduleSchema {
    public static let json = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://kfjobs.dev/schemas/kfjobs-unschedule.schema.json",
      "title": "kfjobs unschedule",
      "description": "The output of kfjobs unschedule --output json: the jobs removed (or, with --dry-run, to be removed) and those no longer scheduled.",
      "type": "object",
      "required": ["dryRun", "ledger", "unscheduled", "notScheduled"],
      "properties": {
        "run": {"type": "string", "minLength": 1, "description": "The run recorded in the ledger; absent when nothing was removed."},
        "dryRun": {"type": "boolean", "description": "Only listed; nothing was removed or recorded."},
        "ledger": {"type": "string", "description": "The ledger read and written."},
        "unscheduled": {"type": "array", "items": {"$ref": "#/definitions/job"}, "description": "Jobs removed (with dryRun: that would be removed), each recorded as an unscheduled outcome."},
        "notScheduled": {"type": "array", "items": {"$ref": "#/definitions/job"}, "description": "Jobs no longer in ScheduledJobs (they ran, or were removed elsewhere): left alone."}
      },
      "additionalProperties": false,
      "definitions": {
        "job": {
          "type": "object",
          "required": ["key", "jobId"],
          "properties": {
            "key": {"type": "string", "minLength": 1},
            "jobId": {"type": "string", "minLength": 1},
            "clientMachine": {"type": "string"},
            "jobTypeName": {"type": "string"}
          },
          "additionalProperties": false
        }
      }
    }
    """#
}
