/// The JSON Schema (draft-07) of fleet files, as `kfjobs schema fleet` prints it. It is byte for byte
/// `schemas/kfjobs-fleet.schema.json` (a test holds them together).
public enum FleetSchema {
    public static let json = #"""
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://kfjobs.dev/schemas/kfjobs-fleet.schema.json",
  "title": "kfjobs simulator fleet",
  "description": "What the Keyfactor Command simulator serves (its orchestrators and job types) and how it behaves (auth, JSON casing, job runs, faults). Scalars are read as written: numbers and booleans may be quoted or not.",
  "type": "object",
  "additionalProperties": false,
  "required": ["apiVersion", "kind"],
  "definitions": {
    "duration": {
      "description": "A duration: a number followed by ms, s, m, h or d (500ms, 2s, 5m, 1h, 7d), or a bare number of seconds.",
      "type": ["string", "number"],
      "pattern": "^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)?$"
    },
    "rate": {
      "description": "A fraction of requests from 0 to 1 (0.05), or a percentage (5%).",
      "type": ["string", "number"],
      "pattern": "^([0-9]+(\\.[0-9]+)?%|0(\\.[0-9]+)?|1(\\.0+)?)$",
      "minimum": 0,
      "maximum": 1
    },
    "status": {
      "description": "The orchestrator's approval status: new (1), approved (2), disapproved (3), or 4 (exists in the API's enum, meaning unconfirmed). Only approved orchestrators run jobs.",
      "oneOf": [
        {"type": "string", "enum": ["new", "approved", "disapproved", "1", "2", "3", "4"]},
        {"type": "integer", "minimum": 1, "maximum": 4}
      ]
    },
    "platform": {
      "description": "AgentPlatform: unknown (0), dotnet (1), java (2), mac (3), android (4), native (5), bash (6), universal (7, the Universal Orchestrator).",
      "oneOf": [
        {"type": "string", "enum": ["unknown", "dotnet", "java", "mac", "android", "native", "bash", "universal", "0", "1", "2", "3", "4", "5", "6", "7"]},
        {"type": "integer", "minimum": 0, "maximum": 7}
      ]
    },
    "agentSettings": {
      "description": "Settings an explicit agent and a generator share.",
      "type": "object",
      "properties": {
        "username": {"description": "The orchestrator's service identity (Username). Default KEYFACTOR\\svc-orchestrator.", "type": "string"},
        "platform": {"$ref": "#/definitions/platform"},
        "version": {"description": "The orchestrator's version string. Default 24.4.0.0.", "type": "string"},
        "status": {"$ref": "#/definitions/status"},
        "capabilities": {"description": "Capabilities such as LOGS, CERT_STORES, SSH. FetchLogs needs LOGS. Default [LOGS].", "type": "array", "items": {"type": "string"}},
        "lastSeen": {"description": "When the orchestrator last checked in: an ISO 8601 time, or an age before the simulator starts (30m, 2h, 7d). Default: the start.", "type": "string"},
        "fails": {"description": "true: every job run on this orchestrator ends in Failure with jobs.failureMessage; a string: with that message.", "type": ["boolean", "string"]}
      }
    }
  },
  "properties": {
    "apiVersion": {"description": "The format's version; exactly kfjobs/v1.", "const": "kfjobs/v1"},
    "kind": {"description": "What this file is; exactly SimulatorFleet.", "const": "SimulatorFleet"},
    "metadata": {
      "description": "Names the fleet.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "name": {"description": "The fleet's name, for messages.", "type": "string"},
        "description": {"description": "What this fleet is for.", "type": "string"}
      }
    },
    "seed": {
      "description": "Seed of the deterministic AgentIds (and job type Ids) derived from names: the same seed and name give the same GUID on every run. Default 0.",
      "type": ["integer", "string"]
    },
    "server": {
      "description": "How the server presents itself.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "apiPath": {"description": "The API's path. Default /KeyfactorAPI.", "type": "string"},
        "casing": {"description": "JSON key casing of responses: pascal (AgentId, v10-era) or camel (agentId, Command 11+). Requests are accepted in either. Default pascal.", "enum": ["pascal", "camel"]},
        "productVersion": {"description": "What the x-keyfactor-product-version header says. Default 11.0.0.0.", "type": "string"},
        "parameterSpelling": {"description": "Which spelling of the paging parameters the server binds: both (default), prefixed (only pq.returnLimit and the like, as a v10-era server) or plain (only ReturnLimit and the like).", "enum": ["both", "prefixed", "plain"]},
        "totalCount": {"description": "Whether list answers carry x-total-count. Default true.", "type": ["boolean", "string"]},
        "rejectQueryFields": {
          "description": "Query fields a list endpoint answers 400 to, as a server that does not know them would: agents, jobTypes, scheduledJobs or jobHistory to a list of field names.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "agents": {"type": "array", "items": {"type": "string"}},
            "jobTypes": {"type": "array", "items": {"type": "string"}},
            "scheduledJobs": {"type": "array", "items": {"type": "string"}},
            "jobHistory": {"type": "array", "items": {"type": "string"}}
          }
        },
        "forbidden": {
          "description": "Endpoints that answer 403 (the caller lacks the permission), by name.",
          "type": "array",
          "items": {"enum": ["agents", "agent", "jobTypes", "createJob", "createBulk", "scheduledJobs", "jobHistory", "jobStatusData", "unschedule", "statusEndpoints"]}
        },
        "clockSkew": {"description": "How far the Date header is off the true time: a duration such as 10m, ahead, or -90s, behind. Default 0.", "type": "string"}
      }
    },
    "auth": {
      "description": "Who may call the API; with neither method, anyone may. With both, either is accepted.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "basic": {
          "description": "HTTP Basic credentials; DOMAIN\\user, user@domain and a bare user are accepted.",
          "type": "object",
          "additionalProperties": false,
          "required": ["username", "password"],
          "properties": {
            "username": {"description": "The user name, without a domain.", "type": "string"},
            "password": {"description": "The password. Never echoed in any answer.", "type": "string"},
            "domain": {"description": "The domain; when a request names one, it must be this one (any case).", "type": "string"}
          }
        },
        "oauth": {
          "description": "A client of the token endpoint POST /oauth2/token (at the server root, client credentials grant); its tokens are sent as Authorization: Bearer.",
          "type": "object",
          "additionalProperties": false,
          "required": ["clientId", "clientSecret"],
          "properties": {
            "clientId": {"description": "The client_id.", "type": "string"},
            "clientSecret": {"description": "The client_secret. Never echoed in any answer.", "type": "string"},
            "tokenLifetime": {"$ref": "#/definitions/duration", "description": "How long a token stays valid, on the simulator's clock. Default 1h."}
          }
        }
      }
    },
    "jobs": {
      "description": "How jobs run.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "delay": {"$ref": "#/definitions/duration", "description": "How long after its time an Immediate or ExactlyOnce job runs and moves to JobHistory. Default 2s."},
        "failureMessage": {"description": "The Message of a run on a failing orchestrator that has no message of its own.", "type": "string"}
      }
    },
    "faults": {
      "description": "Seeded, reproducible misbehaviour. One draw per request picks at most one of 503, 429, drop and hang; the rates add up and must total at most 1. Submissions always get faults, reads only with applyToReads.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "latency": {"description": "Delay before answering: fixed (20ms) or uniform in a range (5ms..50ms).", "type": "string"},
        "failRate": {"$ref": "#/definitions/rate", "description": "Share of requests answered 503; nothing is created."},
        "throttleRate": {"$ref": "#/definitions/rate", "description": "Share of requests answered 429 with Retry-After; nothing is created."},
        "dropRate": {"$ref": "#/definitions/rate", "description": "Share of requests whose connection is closed after the job was created: the client gets no answer."},
        "hangRate": {"$ref": "#/definitions/rate", "description": "Share of requests never answered until the client gives up; nothing is created."},
        "retryAfter": {"description": "The Retry-After seconds of a 429. Default 1.", "type": ["integer", "string"]},
        "seed": {"description": "Seed of the fault generator: the same seed and request order give the same faults. Default 0.", "type": ["integer", "string"]},
        "applyToReads": {"description": "Whether GET requests get faults too. Default false.", "type": ["boolean", "string"]}
      }
    },
    "jobTypes": {
      "description": "Job types: FetchLogs (built in, needs LOGS, no fields; known even when not listed) and custom types with their fields, as GET /JobTypes/Custom lists them.",
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["name"],
        "properties": {
          "name": {"description": "The JobTypeName, unique in the fleet.", "type": "string"},
          "id": {"description": "The job type's GUID. Default: derived from the seed and the name.", "type": "string"},
          "description": {"description": "The job type's description.", "type": "string"},
          "requiresCapability": {"description": "A capability an orchestrator must have to run this type (LOGS for FetchLogs).", "type": "string"},
          "fields": {
            "description": "The JobTypeFields, in order.",
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": ["name"],
              "properties": {
                "name": {"description": "The field's name, unique in the job type.", "type": "string"},
                "type": {"description": "String (1), Integer (2), DateTime (3), Boolean (4), or 5 (meaning unconfirmed, taken as a string). Default String.", "enum": ["String", "Integer", "Int", "DateTime", "Boolean", "Bool", "1", "2", "3", "4", "5", 1, 2, 3, 4, 5]},
                "required": {"description": "Whether a job must give a value when there is no default. Default false.", "type": ["boolean", "string"]},
                "default": {"description": "The DefaultValue, as text; it must parse as the field's type.", "type": ["string", "number", "boolean", "null"]}
              }
            }
          }
        }
      }
    },
    "agents": {
      "description": "Orchestrators listed one by one.",
      "type": "array",
      "items": {
        "allOf": [{"$ref": "#/definitions/agentSettings"}],
        "type": "object",
        "required": ["clientMachine"],
        "properties": {
          "clientMachine": {"description": "The orchestrator's machine name, unique in the fleet (any case).", "type": "string"},
          "agentId": {"description": "The orchestrator's GUID. Default: derived from the seed and clientMachine.", "type": "string"},
          "username": {}, "platform": {}, "version": {}, "status": {}, "capabilities": {}, "lastSeen": {}, "fails": {},
          "blueprint": {"description": "The Blueprint name, if any.", "type": "string"},
          "thumbprint": {"description": "The orchestrator's certificate thumbprint. Default: derived from the seed and clientMachine.", "type": "string"},
          "lastErrorCode": {"description": "LastErrorCode (int64). Default 0.", "type": ["integer", "string"]},
          "lastErrorMessage": {"description": "LastErrorMessage, if any.", "type": "string"}
        },
        "additionalProperties": false
      }
    },
    "generate": {
      "description": "Orchestrators generated from a pattern, after the listed ones, with deterministic AgentIds.",
      "type": "array",
      "items": {
        "allOf": [{"$ref": "#/definitions/agentSettings"}],
        "type": "object",
        "required": ["count", "name"],
        "properties": {
          "count": {"description": "How many orchestrators, 1 to 100000 (and 100000 in all, listed and generated).", "type": ["integer", "string"]},
          "name": {"description": "The clientMachine pattern with the index: node-{index} or node-{index:05} (zero-padded to 5 digits).", "type": "string"},
          "start": {"description": "The first index. Default 1.", "type": ["integer", "string"]},
          "seed": {"description": "Seed of these AgentIds. Default: the fleet's seed.", "type": ["integer", "string"]},
          "username": {}, "platform": {}, "version": {}, "status": {}, "capabilities": {}, "lastSeen": {}, "fails": {}
        },
        "additionalProperties": false
      }
    }
  }
}

"""#
}
