"""``python -m contactpolicy.http``: print the API's OpenAPI document as JSON
(the copy in ``docs/openapi.json`` is made this way)."""

from __future__ import annotations

import json
import sys

from contactpolicy.http import openapi_document


def main() -> None:
    """Write the document to standard output, keys sorted, two-space indents."""
    sys.stdout.write(json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
