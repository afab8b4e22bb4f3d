/// The manifest JSON Schema, embedded so that `kfjobs schema manifest` works from the binary alone.
///
/// A copy of `schemas/kfjobs-manifest.schema.json` (a test keeps them equal): after editing that file,
/// paste its content between the quotes below.
public enum ManifestSchema {
    /// The schema text, exactly as in the repository file.
    public static let json = #"""
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://github.com/kfjobs/kfjobs/schemas/kfjobs-manifest.schema.json",
  "title": "kfjobs job manifest (kfjobs/v1)",
  "description": "A declarative set of Keyfactor Command custom orchestrator jobs: what runs, where and when.",
  "type": "object",
  "additionalProperties": false,
  "required": ["apiVersion", "kind", "metadata", "jobs"],
  "properties": {
    "apiVersion": {
      "description": "The manifest format version; exactly kfjobs/v1.",
      "const": "kfjobs/v1"
    },
    "kind": {
      "description": "The document type; exactly JobManifest.",
      "const": "JobManifest"
    },
    "metadata": {
      "description": "The manifest's identity.",
      "type": "object",
      "additionalProperties": false,
      "required": ["name"],
      "properties": {
        "name": {
          "description": "The manifest's name, unique across all inputs; the first part of every job key (MANIFEST/JOB@AGENTID).",
          "$ref": "#/definitions/name"
        },
        "description": {
          "description": "What the manifest is for, for people.",
          "type": "string"
        }
      }
    },
    "vars": {
      "description": "Named values for ${vars.NAME} in selectors and fields, taken literally.",
      "type": "object",
      "minProperties": 1,
      "propertyNames": { "$ref": "#/definitions/identifier" },
      "additionalProperties": { "$ref": "#/definitions/scalar" }
    },
    "defaults": {
      "description": "Settings every job inherits: its own schedule replaces the default's, its fields are merged key by key over the default's (its own win), its sensitive list adds to the default's.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "schedule": {
          "description": "The schedule of jobs that declare none.",
          "$ref": "#/definitions/schedule"
        },
        "fields": {
          "description": "Fields every job gets unless it sets the same field itself.",
          "$ref": "#/definitions/fields"
        },
        "sensitive": {
          "description": "Field names redacted in every job.",
          "$ref": "#/definitions/sensitive"
        }
      }
    },
    "jobs": {
      "description": "The job definitions; each is expanded over its matrix and the agents its selector matches.",
      "type": "array",
      "minItems": 1,
      "items": { "$ref": "#/definitions/job" }
    }
  },
  "definitions": {
    "name": {
      "description": "Lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.",
      "type": "string",
      "pattern": "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
    },
    "identifier": {
      "description": "Letters, digits, '_' and '-', starting with a letter or '_'.",
      "type": "string",
      "pattern": "^[A-Za-z_][A-Za-z0-9_-]*$"
    },
    "scalar": {
      "description": "A string, number or boolean; kfjobs keeps the text as written.",
      "type": ["string", "number", "boolean"]
    },
    "template": {
      "description": "Text with optional ${namespace.name} variables: ${vars.NAME}, ${matrix.NAME}, ${manifest.name}, ${job.name}, ${env.NAME} (only names allowed with --allow-env) and, in fields only, ${agent.AgentId|ClientMachine|Username|Version|Status|AgentPlatform}. $${ is a literal ${.",
      "type": "string",
      "not": { "pattern": "(^|[^$])\\$\\{(?!(agent\\.(AgentId|ClientMachine|Username|Version|Status|AgentPlatform)|(matrix|vars|env)\\.[A-Za-z0-9_-]+|(manifest|job)\\.name)\\})" }
    },
    "selectorTemplate": {
      "description": "A template that may not use ${agent.*}: the agents are not known until the selector is resolved.",
      "allOf": [
        { "$ref": "#/definitions/template" },
        { "not": { "pattern": "(^|[^$])\\$\\{agent\\." } }
      ]
    },
    "job": {
      "description": "One job definition.",
      "type": "object",
      "additionalProperties": false,
      "required": ["name", "jobType", "agents"],
      "dependencies": { "exclude": ["matrix"] },
      "properties": {
        "name": {
          "description": "The job's name, unique within the manifest; the second part of every job key.",
          "$ref": "#/definitions/name"
        },
        "jobType": {
          "description": "The JobTypeName of a custom job type defined on the server (or the built-in FetchLogs).",
          "type": "string",
          "minLength": 1
        },
        "agents": {
          "description": "Which orchestrators get the job: exactly one of query, ids or clientMachines, with optional expect and lastSeenWithin.",
          "$ref": "#/definitions/agents"
        },
        "matrix": {
          "description": "Expands the job over every combination of these values (the product, minus exclude); use them as ${matrix.NAME}.",
          "type": "object",
          "minProperties": 1,
          "propertyNames": { "$ref": "#/definitions/identifier" },
          "additionalProperties": {
            "description": "The values of one matrix key, at least one, no repeats.",
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": { "$ref": "#/definitions/scalar" }
          }
        },
        "exclude": {
          "description": "Matrix combinations to drop: an entry drops every combination that has all its key/value pairs.",
          "type": "array",
          "items": {
            "description": "Matrix keys and values that, together, mark combinations to drop.",
            "type": "object",
            "minProperties": 1,
            "additionalProperties": { "$ref": "#/definitions/scalar" }
          }
        },
        "schedule": {
          "description": "When the job runs; replaces defaults.schedule. No schedule means immediate.",
          "$ref": "#/definitions/schedule"
        },
        "fields": {
          "description": "Values for the job type's fields (JobTypeField name to value); merged over defaults.fields.",
          "$ref": "#/definitions/fields"
        },
        "sensitive": {
          "description": "Field names whose values are secrets; added to defaults.sensitive.",
          "$ref": "#/definitions/sensitive"
        }
      }
    },
    "agents": {
      "description": "Which orchestrators get the job: exactly one of query, ids or clientMachines. Only approved agents (Status 2) are eligible; FetchLogs also needs the LOGS capability.",
      "type": "object",
      "additionalProperties": false,
      "oneOf": [
        { "required": ["query"] },
        { "required": ["ids"] },
        { "required": ["clientMachines"] }
      ],
      "properties": {
        "query": {
          "description": "A Keyfactor Command agent query, sent as QueryString, e.g. Status -eq 2 AND Capabilities -contains \"LOGS\". Never empty: an empty query matches every agent.",
          "allOf": [{ "$ref": "#/definitions/selectorTemplate" }, { "pattern": "\\S" }]
        },
        "ids": {
          "description": "AgentIds (GUIDs, any case); each must exist.",
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "description": "An AgentId GUID, or a template that renders to one.",
            "allOf": [
              { "$ref": "#/definitions/selectorTemplate" },
              { "pattern": "^([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|.*\\$\\{.*)$" }
            ]
          }
        },
        "clientMachines": {
          "description": "ClientMachine names; each must match exactly one eligible agent.",
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "description": "A ClientMachine name, or a template that renders to one.",
            "$ref": "#/definitions/selectorTemplate"
          }
        },
        "expect": {
          "description": "A guard on the number of eligible agents for each job and matrix combination; outside it nothing is submitted.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "min": { "description": "The fewest eligible agents allowed (default 1).", "type": "integer", "minimum": 0 },
            "max": { "description": "The most eligible agents allowed (default unbounded).", "type": "integer", "minimum": 0 }
          }
        },
        "lastSeenWithin": {
          "description": "Exclude agents whose LastSeen is older than this: one number and one unit, m, h or d (e.g. 24h).",
          "$ref": "#/definitions/duration"
        }
      }
    },
    "duration": {
      "description": "One number and one unit: m (minutes), h (hours) or d (days), at least 1m.",
      "type": "string",
      "pattern": "^(0*[1-9][0-9]*)[mhd]$"
    },
    "timeOfDay": {
      "description": "HH:MM (24-hour), optionally followed by Z or an offset ±HH:MM; no zone means UTC. Quote it in YAML.",
      "type": "string",
      "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?$"
    },
    "weekday": {
      "description": "A day of the week: mon, tue, wed, thu, fri, sat or sun, in any case.",
      "type": "string",
      "pattern": "^([Mm][Oo][Nn]|[Tt][Uu][Ee]|[Ww][Ee][Dd]|[Tt][Hh][Uu]|[Ff][Rr][Ii]|[Ss][Aa][Tt]|[Ss][Uu][Nn])$"
    },
    "schedule": {
      "description": "immediate, or a mapping with exactly one of immediate, interval, daily, weekly, monthly, once. Times of day become the next matching instant, in UTC.",
      "oneOf": [
        { "description": "Run as soon as possible.", "const": "immediate" },
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["immediate"],
          "properties": { "immediate": { "description": "Run as soon as possible; must be true.", "const": true } }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["interval"],
          "properties": { "interval": { "description": "Run repeatedly, this long apart (e.g. 90m, 6h, 1d).", "$ref": "#/definitions/duration" } }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["daily"],
          "properties": {
            "daily": {
              "description": "Run every day at a time.",
              "type": "object",
              "additionalProperties": false,
              "required": ["at"],
              "properties": { "at": { "description": "The time of day.", "$ref": "#/definitions/timeOfDay" } }
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["weekly"],
          "properties": {
            "weekly": {
              "description": "Run on some days of the week at a time.",
              "type": "object",
              "additionalProperties": false,
              "required": ["days", "at"],
              "properties": {
                "days": {
                  "description": "The days, no repeats.",
                  "type": "array",
                  "minItems": 1,
                  "uniqueItems": true,
                  "items": { "$ref": "#/definitions/weekday" }
                },
                "at": { "description": "The time of day; the days shift with it when an offset crosses midnight in UTC.", "$ref": "#/definitions/timeOfDay" }
              }
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["monthly"],
          "properties": {
            "monthly": {
              "description": "Run on one day of every month that has it, at a time.",
              "type": "object",
              "additionalProperties": false,
              "required": ["day", "at"],
              "properties": {
                "day": { "description": "The day of the month, 1 to 31.", "type": "integer", "minimum": 1, "maximum": 31 },
                "at": { "description": "The time of day; an offset may not move it to another day in UTC.", "$ref": "#/definitions/timeOfDay" }
              }
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["once"],
          "properties": {
            "once": {
              "description": "Run once at this instant: ISO 8601 with a zone, in the future, e.g. 2026-12-01T02:30:00Z. Quote it in YAML.",
              "type": "string",
              "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})$"
            }
          }
        }
      ]
    },
    "fields": {
      "description": "JobTypeField name to value: a string, number or boolean (not null, not a list or mapping); strings may use templates.",
      "type": "object",
      "additionalProperties": {
        "oneOf": [
          { "$ref": "#/definitions/template" },
          { "type": ["number", "boolean"] }
        ]
      }
    },
    "sensitive": {
      "description": "Field names whose values are secrets: shown as *** everywhere and left out of the fingerprint.",
      "type": "array",
      "items": { "type": "string", "minLength": 1 }
    }
  }
}
"""#
}
