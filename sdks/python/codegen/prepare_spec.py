"""Writes the copy of openapi.json that the generator reads (openapi.json itself is never changed).

openapi.json says "the id, or the expanded object, or null" as `anyOf: [{type: string, nullable: true}, {$ref}]`.
OpenAPI 3.0 generators take nullability from the schema that holds the anyOf, not from a branch, so the generated
model would refuse the null the API sends. Here `nullable: true` is copied up to the anyOf/oneOf that holds it. And array query parameters declared
`deepObject` (which OpenAPI 3.0 defines for objects only) are declared `form`, see arrays_as_form.
"""
import json
import sys
from typing import Any


def hoist_nullable(node: Any) -> int:
    changed = 0
    if isinstance(node, dict):
        for keyword in ("anyOf", "oneOf"):
            branches = node.get(keyword)
            if isinstance(branches, list) and any(isinstance(b, dict) and b.get("nullable") is True for b in branches):
                if node.get("nullable") is not True:
                    node["nullable"] = True
                    changed += 1
        for value in node.values():
            changed += hoist_nullable(value)
    elif isinstance(node, list):
        for value in node:
            changed += hoist_nullable(value)
    return changed


def arrays_as_form(document: Any) -> int:
    """`style: deepObject` is defined for objects only; on an array query parameter (`expand`) the generator types it
    as a list of lists. Declared `form` + `explode` here, it becomes a list of strings; the client writes each item
    as `expand[]=…` whatever the style (payrail/query.py)."""
    changed = 0
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = parameter.get("schema", {})
                if parameter.get("in") == "query" and parameter.get("style") == "deepObject" and schema.get("type") == "array":
                    parameter["style"] = "form"
                    parameter["explode"] = True
                    changed += 1
    return changed


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as handle:
        document = json.load(handle)
    nullable = hoist_nullable(document)
    arrays = arrays_as_form(document)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2)
    print(f"prepared {target}: nullable hoisted onto {nullable} anyOf/oneOf schemas, {arrays} array query parameters as form", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
