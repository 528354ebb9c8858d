"""The load test of `make bench`: signed-in contacts, coaches and staff opening their pages.

bench/run.py writes the people (a session cookie and their own pages each) to the JSON
file named by BENCH_LOAD_USERS and runs locust headless against the bench's gunicorn.
Every answer but a 200 counts as an error; redirects are not followed (a redirect would
mean a lost session or a missing second factor).
"""

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

PEOPLE: list[dict[str, Any]] = json.loads(Path(os.environ["BENCH_LOAD_USERS"]).read_text())
BY_ROLE = {role: [p for p in PEOPLE if p["role"] == role] for role in ("contact", "coach", "staff")}
ROLE_WEIGHTS = {"contact": 70, "coach": 25, "staff": 5}
_choices = random.Random(50)
_turns = {role: itertools.cycle(people) for role, people in BY_ROLE.items() if people}


class PortalUser(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        roles = [role for role in ROLE_WEIGHTS if role in _turns]
        role = _choices.choices(roles, weights=[ROLE_WEIGHTS[r] for r in roles])[0]
        self.person = next(_turns[role])
        self.headers = {
            "Cookie": f"sessionid={self.person['cookie']}",
            "X-Forwarded-Proto": "https",
            "Host": "127.0.0.1",
        }

    @task
    def open_a_page(self) -> None:
        name, path = _choices.choice(self.person["paths"])
        with self.client.get(
            path, name=name, headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
