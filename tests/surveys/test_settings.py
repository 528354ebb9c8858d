"""SURVEY_MIN_GROUP_SIZE can never be set below 5: the portal refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start(**variables: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "leercultuur.settings"}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**env, **variables},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("value", ["4", "0", "-5"])
def test_a_minimum_group_below_five_is_refused_at_start_up(value: str) -> None:
    started = start(SURVEY_MIN_GROUP_SIZE=value)

    assert started.returncode != 0
    assert "SURVEY_MIN_GROUP_SIZE must be at least 5" in started.stderr


def test_five_or_more_starts() -> None:
    assert start(SURVEY_MIN_GROUP_SIZE="7").returncode == 0
