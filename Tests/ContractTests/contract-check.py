#!/usr/bin/env python3
"""Checks bodies and parameter names against the contract fixture (keyfactor-operations.json) with jsonschema.

Usage: python contract-check.py FIXTURE < checks.json     (run with the checkers' python)
       python contract-check.py FIXTURE --as-served OUT    (the fixture with null allowed, for schemathesis)

stdin is a JSON list of checks; stdout a JSON list with one answer per check, in order:
- {"operation": "post /OrchestratorJobs/Custom", "request": BODY}: the request body against the
  operation's request schema, strictly: an object with documented properties takes no others, so a
  misspelt key fails instead of being ignored.
- {"operation": "get /Agents", "response": BODY, "status": 200, "casing": "pascal"|"camel"}: the body
  against the schema of that success response. Null is allowed for every property: the document
  marks none nullable, yet Command answers null for absent values (Blueprint, a field's DefaultValue).
  With "camel" every key of every object must start in lower case, and is then mapped to PascalCase
  (first letter upper case) before the check, as Command 11+ differs from the document only so.
- {"operation": "get /Agents", "parameters": ["QueryString", ...]}: for each name, how the document
  has it: "exact" (its own spelling), "pq-prefix" (only as pq.name, compared without case: the
  document is the v10-era one; Command 11+ documents the names without the prefix, API.md), or
  "undocumented".
An answer to a body check is a list of problems, empty when the body conforms.
"""
import copy
import datetime
import json
import re
import sys
import uuid

import jsonschema


def formats():
    """The formats the document uses, checked (jsonschema checks none of these by itself without extras)."""
    checker = jsonschema.FormatChecker([])

    @checker.checks("uuid", raises=ValueError)
    def is_uuid(value):
        return not isinstance(value, str) or bool(uuid.UUID(value))

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", value):
            raise ValueError(f"{value!r} is not an ISO 8601 date-time")
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    for name, bits in (("int32", 32), ("int64", 64)):
        def in_range(value, bits=bits):
            return not isinstance(value, int) or -(2 ** (bits - 1)) <= value < 2 ** (bits - 1)
        checker.checks(name)(in_range)
    return checker


def strict(schema):
    """Objects with documented properties take no others (requests)."""
    if isinstance(schema, dict):
        schema = {key: strict(value) for key, value in schema.items()}
        if schema.get("type") == "object" and "properties" in schema and "additionalProperties" not in schema:
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [strict(item) for item in schema]
    return schema


def nullable_properties(schema, allow_null=lambda value: {"anyOf": [{"type": "null"}, value]}):
    """Every property may also be null (responses; see the summary): `allow_null` rewrites each
    property's schema, by default in JSON Schema's terms."""
    if isinstance(schema, list):
        return [nullable_properties(item, allow_null) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: nullable_properties(value, allow_null) for key, value in schema.items()}
    if "properties" in schema:
        schema["properties"] = {name: allow_null(value) for name, value in schema["properties"].items()}
    return schema


def as_served(fixture):
    """The fixture with `nullable: true` on every property of every response schema (OpenAPI 3.0's way
    of saying what nullable_properties says in JSON Schema), for a tester that reads the document."""
    served = copy.deepcopy(fixture)
    for methods in served["paths"].values():
        for op in methods.values():
            op["responses"] = nullable_properties(op["responses"], lambda value: {**value, "nullable": True})
    return served


def camel_to_pascal(value, path, problems):
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key[:1] != key[:1].lower():
                problems.append(f"{path or '(root)'}: key {key!r} is not camelCase")
            out[key[:1].upper() + key[1:]] = camel_to_pascal(item, f"{path}/{key}", problems)
        return out
    if isinstance(value, list):
        return [camel_to_pascal(item, f"{path}/{index}", problems) for index, item in enumerate(value)]
    return value


def operation(fixture, name):
    method, path = name.split(" ", 1)
    return fixture["paths"][path][method]


def check_body(fixture, check, checker):
    op = operation(fixture, check["operation"])
    problems = []
    if "request" in check:
        schema = strict(op["requestBody"]["content"]["application/json"]["schema"])
        body = check["request"]
    else:
        response = op["responses"].get(str(check.get("status", 200)))
        if response is None or "content" not in response:
            return [f"the document has no JSON body for {check['operation']} {check.get('status', 200)}"]
        schema = nullable_properties(response["content"]["application/json"]["schema"])
        body = check["response"]
        if check.get("casing") == "camel":
            body = camel_to_pascal(body, "", problems)
    validator = jsonschema.Draft4Validator(schema, format_checker=checker)
    for error in sorted(validator.iter_errors(body), key=lambda e: list(map(str, e.absolute_path))):
        problems.append(f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}")
    return problems


def check_parameters(fixture, check):
    documented = [parameter["name"] for parameter in operation(fixture, check["operation"])["parameters"]]
    answers = {}
    for name in check["parameters"]:
        if name in documented:
            answers[name] = "exact"
        elif any(d.lower() == "pq." + name.lower() for d in documented):
            answers[name] = "pq-prefix"
        else:
            answers[name] = "undocumented"
    return answers


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        fixture = json.load(handle)
    if sys.argv[2:3] == ["--as-served"]:
        with open(sys.argv[3], "w", encoding="utf-8") as handle:
            json.dump(as_served(fixture), handle, indent=1)
        return
    checker = formats()
    answers = []
    for check in json.load(sys.stdin):
        try:
            answers.append(check_parameters(fixture, check) if "parameters" in check else check_body(fixture, check, checker))
        except KeyError as error:
            answers.append([f"the fixture has no {error} for {check.get('operation')}"])
    print(json.dumps(answers))


if __name__ == "__main__":
    main()
