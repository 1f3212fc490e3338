"""Checks an OpenAPI document file the way its two strict readers do, and prints a JSON verdict.

1. openapi-spec-validator: the document is valid OpenAPI 3.1.
2. pulp-glue 0.41: its version quirks apply cleanly and its strict pydantic model accepts it.
"""
import json
import sys

from openapi_spec_validator import validate
from pulp_glue.common import oas
from pulp_glue.common.context import _patch_api_hook

with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)

# Pulp's detail paths are whole-href templates ("{task_href}", "{file_file_repository_href}sync/")
# that pulp-glue needs, but OpenAPI wants paths to start with "/". That one deliberate deviation
# (Pulp's own document has it) is undone for the schema check only; everything else must pass.
standard = json.loads(json.dumps(document))
standard["paths"] = {
    (key if key.startswith("/") else "/" + key): item for key, item in document["paths"].items()
}

verdict = {"openapi_spec_validator": None, "pulp_glue": None}
try:
    validate(standard)
except Exception as error:  # the validator raises one of several error types
    verdict["openapi_spec_validator"] = str(error)[:4000]
try:
    oas.OpenAPISpec.model_validate(_patch_api_hook(json.loads(json.dumps(document))))
except Exception as error:
    verdict["pulp_glue"] = str(error)[:4000]
print(json.dumps(verdict))
