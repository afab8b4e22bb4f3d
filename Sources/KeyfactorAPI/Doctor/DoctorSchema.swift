/// The JSON Schema of `kfjobs doctor --output json` (`schemas/kfjobs-doctor.schema.json`).
public enum DoctorSchema {
    public static let json = #"""
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://github.com/kfjobs/kfjobs/schemas/kfjobs-doctor.schema.json",
  "title": "kfjobs doctor report",
  "description": "What kfjobs doctor found about one Keyfactor Command server: one entry per check, in the order run. Never holds a secret.",
  "type": "object",
  "additionalProperties": false,
  "required": ["server", "canWork", "checks"],
  "properties": {
    "server": {"description": "The server's base URL with the API path, without user information.", "type": "string"},
    "canWork": {"description": "True when no check failed: kfjobs can work against this server (exit 0); false exits 3.", "type": "boolean"},
    "checks": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "status", "found"],
        "properties": {
          "name": {"description": "The check: url, proxy, dns, tcp, tls, credentials, token, auth, status, endpoint, casing, paging, total-count, query, clock.", "type": "string"},
          "status": {"description": "ok; warning (kfjobs works, but read the action); failed (kfjobs cannot work until it is fixed); skipped (an earlier failure or the server's data left nothing to check).", "enum": ["ok", "warning", "failed", "skipped"]},
          "found": {"description": "What the check found.", "type": "string"},
          "action": {"description": "What to do; absent when nothing needs doing.", "type": "string"}
        }
      }
    }
  }
}
"""#
}
