"""environment.yml (conda users) and pyproject.toml (pip users) must pin the same packages."""

import tomllib

import yaml

from policylab.paths import project_root


def _pyproject_pins() -> set[str]:
    data = tomllib.loads((project_root() / "pyproject.toml").read_text())
    project = data["project"]
    pins = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        pins.extend(extra)
    return {p.lower() for p in pins}


def _environment_pins() -> set[str]:
    env = yaml.safe_load((project_root() / "environment.yml").read_text())
    pip_section = next(d for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    return {p.lower() for p in pip_section["pip"] if not p.startswith("-e")}


def test_environment_yml_mirrors_pyproject():
    assert _environment_pins() == _pyproject_pins()


def test_every_dependency_is_pinned_exactly():
    loose = [p for p in _pyproject_pins() if "==" not in p]
    assert loose == []


def test_environment_python_matches_requires_python():
    env = yaml.safe_load((project_root() / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
