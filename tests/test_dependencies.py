"""Installs are reproducible: every pin in pyproject.toml is the one the lock files install."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(lines):
    return {
        name.split("[")[0].strip().lower(): version.split("#")[0].strip()
        for name, _, version in (line.partition("==") for line in lines)
        if version
    }


def test_the_lock_files_install_exactly_what_pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = pins(project["dependencies"])
    dev = pins(project["optional-dependencies"]["dev"])

    runtime_lock = pins((ROOT / "requirements.lock").read_text().splitlines())
    dev_lock = pins((ROOT / "requirements-dev.lock").read_text().splitlines())

    assert runtime.items() <= runtime_lock.items()
    assert (runtime | dev).items() <= dev_lock.items()
