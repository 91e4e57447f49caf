"""The documentation site builds."""

import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_docs_site_builds_without_a_warning(tmp_path: Path) -> None:
    """Sphinx builds the HTML site from docs/ with every warning an error: no
    broken cross-reference, unknown code language or page left out of the
    table of contents."""
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    result = subprocess.run(
        [*command, str(DOCS), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.html").is_file()
