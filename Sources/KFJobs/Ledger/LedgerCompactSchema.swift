/// `schemas/kfjobs-ledger-compact.schema.json`, compiled in for `kfjobs schema ledger-compact` (a test keeps the two identical).
public enum LedgerCompactSchema {
    public static let json = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://kfjobs.dev/schemas/kfjobs-ledger-compact.schema.json",
      "title": "kfjobs ledger compact",
      "description": "The output of kfjobs ledger compact --output json: what the compaction kept (with dryRun: would keep) and the sizes before and after.",
      "type": "object",
      "required": ["ledger", "dryRun", "recordsBefore", "recordsAfter", "bytesBefore", "bytesAfter", "runs", "keys", "uncertainKeys", "removedTornLine"],
      "properties": {
        "ledger": {"type": "string", "description": "The ledger compacted."},
        "dryRun": {"type": "boolean", "description": "Only reported; nothing was written."},
        "recordsBefore": {"type": "integer", "minimum": 0, "description": "Records in the ledger before."},
        "recordsAfter": {"type": "integer", "minimum": 0, "description": "Records kept."},
        "bytesBefore": {"type": "integer", "minimum": 0, "description": "The ledger's size before, in bytes."},
        "bytesAfter": {"type": "integer", "minimum": 0, "description": "The compacted ledger's size, in bytes."},
        "runs": {"type": "integer", "minimum": 0, "description": "Run records (all are kept)."},
        "keys": {"type": "integer", "minimum": 0, "description": "Jobs, per server and key, whose latest state is kept."},
        "uncertainKeys": {"type": "integer", "minimum": 0, "description": "Jobs with an open intent or an unknown outcome, kept with the records reconciling them needs."},
        "removedTornLine": {"type": "boolean", "description": "The ledger ended in a torn line (an interrupted run's), left out of the compacted ledger."}
      },
      "additionalProperties": false
    }
    """#
}
