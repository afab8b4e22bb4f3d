/// `schemas/kfjobs-job-types.schema.json`, compiled in for `kfjobs schema job-types` (a test keeps the two identical).
public enum JobTypesSchema {
    public static let json = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://kfjobs.dev/schemas/kfjobs-job-types.schema.json",
      "title": "kfjobs job-types",
      "description": "The output of kfjobs job-types --output json: each job type the server defines, with its fields.",
      "type": "object",
      "required": ["server", "jobTypes"],
      "properties": {
        "server": {"type": "string", "minLength": 1, "description": "The server asked: its base URL normalised, or simulator."},
        "jobTypes": {"type": "array", "items": {"$ref": "#/definitions/jobType"}, "description": "FetchLogs first, then by name; one type when a NAME was given."}
      },
      "additionalProperties": false,
      "definitions": {
        "jobType": {
          "type": "object",
          "required": ["name", "builtIn", "fields"],
          "properties": {
            "name": {"type": "string", "minLength": 1, "description": "The JobTypeName a manifest's jobType names."},
            "id": {"type": "string", "minLength": 1},
            "description": {"type": "string"},
            "builtIn": {"type": "boolean", "description": "Keyfactor's built-in Fetch Logs type."},
            "fields": {"type": "array", "items": {"$ref": "#/definitions/field"}}
          },
          "additionalProperties": false
        },
        "field": {
          "type": "object",
          "required": ["name", "type", "required"],
          "properties": {
            "name": {"type": "string", "minLength": 1},
            "type": {"type": "string", "description": "String, Integer, DateTime, Boolean, or unknown type N (sent as text)."},
            "typeCode": {"type": "integer", "description": "The API's code: 1 String, 2 Integer, 3 DateTime, 4 Boolean."},
            "required": {"type": "boolean"},
            "default": {"type": "string", "description": "The server's default, filled in when a manifest leaves the field out."}
          },
          "additionalProperties": false
        }
      }
    }
    """#
}
