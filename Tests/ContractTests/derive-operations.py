#!/usr/bin/env python3
"""Derives the contract fixture from Keyfactor's published OpenAPI document.

Usage: python Tests/ContractTests/derive-operations.py [KEYFACTOR-V1.YAML] [OUT.json]
(defaults: /work/shared/keyfactor-openapi/keyfactor-v1.yaml, Tests/ContractTests/Fixtures/keyfactor-operations.json;
run it with the checkers' python, which has PyYAML: `$(python3 Tests/python-checkers.py) Tests/ContractTests/derive-operations.py`)

The source is Keyfactor's own OpenAPI 3.0.1 document of the Command v1 REST API, `api/openapi.yaml` of
the public repository Keyfactor/keyfactor-java-client-sdk (commit 3771f4a6, last changed 2022-11-08,
Apache License 2.0). The fixture is a smaller OpenAPI document of the same version holding only the
operations kfjobs calls and its simulator serves, each with its parameters, its application/json
request schema and its success responses' application/json schemas, every $ref resolved in place.
Nothing is added or changed: where the served responses differ from the document (null values), the
tests say so where they check (Tests/ContractTests). It has no `servers` entry: the document's points
inside Keyfactor's network, and the tests always give a loopback address.
"""
import json
import os
import sys

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SOURCE = "/work/shared/keyfactor-openapi/keyfactor-v1.yaml"
OUT = os.path.join(ROOT, "Tests", "ContractTests", "Fixtures", "keyfactor-operations.json")
OPERATIONS = [
    ("get", "/Agents"), ("get", "/Agents/{id}"), ("get", "/JobTypes/Custom"),
    ("post", "/OrchestratorJobs/Custom"), ("post", "/OrchestratorJobs/Custom/Bulk"),
    ("get", "/OrchestratorJobs/ScheduledJobs"), ("get", "/OrchestratorJobs/JobHistory"),
    ("get", "/OrchestratorJobs/JobStatus/Data"), ("post", "/OrchestratorJobs/Unschedule"),
    ("get", "/Status/Endpoints"),
]
JSON = "application/json"


class Loader(yaml.SafeLoader):
    """SafeLoader without the timestamp rule: the document's examples stay the strings it wrote."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rule) for tag, rule in rules if tag != "tag:yaml.org,2002:timestamp"]
    for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def resolve(node, document, trail=()):
    """The node with every local $ref replaced by what it names (the schemas used here have no cycles)."""
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"]
            if name in trail:
                raise SystemExit(f"cyclic $ref {name}")
            target = document
            for part in name.removeprefix("#/").split("/"):
                target = target[part]
            return resolve(target, document, trail + (name,))
        return {key: resolve(value, document, trail) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(item, document, trail) for item in node]
    return node


def operation(document, method, path):
    source = document["paths"][path][method]
    out = {"operationId": source["operationId"], "parameters": resolve(source.get("parameters", []), document)}
    if "requestBody" in source:
        body = resolve(source["requestBody"], document)
        out["requestBody"] = {"required": body.get("required", False), "content": {JSON: body["content"][JSON]}}
    out["responses"] = {}
    for code, response in source["responses"].items():
        response = resolve(response, document)
        kept = {"description": response.get("description", "")}
        if JSON in response.get("content", {}):
            kept["content"] = {JSON: response["content"][JSON]}
        out["responses"][str(code)] = kept
    return out


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    with open(source, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=Loader)
    paths = {}
    for method, path in OPERATIONS:
        paths.setdefault(path, {})[method] = operation(document, method, path)
    fixture = {
        "openapi": document["openapi"],
        "info": {
            "title": document["info"]["title"] + " (the operations kfjobs uses)",
            "version": document["info"]["version"],
            "x-source": {
                "repository": "https://github.com/Keyfactor/keyfactor-java-client-sdk",
                "file": "api/openapi.yaml",
                "commit": "3771f4a6",
                "lastChanged": "2022-11-08",
                "licence": "Apache License 2.0",
                "derivedBy": "Tests/ContractTests/derive-operations.py",
            },
        },
        "paths": paths,
        "components": {"securitySchemes": document["components"]["securitySchemes"]},
        "security": document["security"],
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(fixture, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"{out}: {len(OPERATIONS)} operations from {source}")


if __name__ == "__main__":
    main()
