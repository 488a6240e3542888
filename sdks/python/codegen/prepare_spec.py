"""Writes the copy of openapi.json that the generator reads (openapi.json itself is never changed).

openapi.json says "the id, or the expanded object, or null" as `anyOf: [{type: string, nullable: true}, {$ref}]`.
OpenAPI 3.0 generators take nullability from the schema that holds the anyOf, not from a branch, so the generated
model would refuse the null the API sends. Here `nullable: true` is copied up to the anyOf/oneOf that holds it.
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


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as handle:
        document = json.load(handle)
    changed = hoist_nullable(document)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2)
    print(f"prepared {target}: nullable hoisted onto {changed} anyOf/oneOf schemas", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
