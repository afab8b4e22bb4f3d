/// `schemas/kfjobs-agents.schema.json`, compiled in for `kfjobs schema agents` (a test keeps the two identical).
public enum AgentsSchema {
    public static let json = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://kfjobs.dev/schemas/kfjobs-agents.schema.json",
      "title": "kfjobs agents",
      "description": "The output of kfjobs agents --output json: the orchestrators a selector matches, whether a job would go to each and why not, and the count an expect guard would see.",
      "type": "object",
      "required": ["server", "selector", "agents", "unknownIds", "unknownClientMachines", "matched", "eligible"],
      "properties": {
        "server": {"type": "string", "minLength": 1, "description": "The server asked: its base URL normalised, or simulator."},
        "selector": {
          "type": "object",
          "description": "The selector as given: exactly one of query, ids, clientMachines.",
          "properties": {
            "query": {"type": "string", "minLength": 1},
            "ids": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            "clientMachines": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
          },
          "minProperties": 1,
          "maxProperties": 1,
          "additionalProperties": false
        },
        "jobType": {"type": "string", "minLength": 1, "description": "The job type eligibility was judged for (--job-type): FetchLogs needs LOGS."},
        "lastSeenWithinSeconds": {"type": "integer", "minimum": 1, "description": "--last-seen-within, in seconds."},
        "agents": {"type": "array", "items": {"$ref": "#/definitions/agent"}, "description": "Every match, by ClientMachine then AgentId."},
        "unknownIds": {"type": "array", "items": {"type": "string"}, "description": "Ids given that no orchestrator has."},
        "unknownClientMachines": {"type": "array", "items": {"type": "string"}, "description": "Names given that no orchestrator has."},
        "matched": {"type": "integer", "minimum": 0, "description": "How many orchestrators the selector matched."},
        "eligible": {"type": "integer", "minimum": 0, "description": "How many of them would get a job: what a manifest's expect guard counts."}
      },
      "additionalProperties": false,
      "definitions": {
        "agent": {
          "type": "object",
          "required": ["clientMachine", "agentId", "status", "statusName", "platform", "platformName", "capabilities", "eligible"],
          "properties": {
            "clientMachine": {"type": "string"},
            "agentId": {"type": "string", "minLength": 1},
            "status": {"type": "integer", "description": "1 New, 2 Approved, 3 Disapproved."},
            "statusName": {"type": "string"},
            "platform": {"type": "integer", "description": "0 Unknown, 1 .NET, 2 Java, 3 Mac, 4 Android, 5 Native, 6 Bash, 7 Universal Orchestrator."},
            "platformName": {"type": "string"},
            "version": {"type": "string"},
            "capabilities": {"type": "array", "items": {"type": "string"}},
            "lastSeen": {"type": "string", "format": "date-time", "description": "RFC 3339 UTC with milliseconds."},
            "eligible": {"type": "boolean", "description": "Whether a job of the job type would go there."},
            "reason": {"type": "string", "minLength": 1, "description": "Why not, when eligible is false."}
          },
          "additionalProperties": false
        }
      }
    }
    """#
}
