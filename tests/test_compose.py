"""docker-compose.yml and .env.example: what the README promises, checked without Docker (none here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_neo4j_5_community_pinned_to_a_version():
    image = compose()["services"]["neo4j"]["image"]
    assert re.fullmatch(r"neo4j:5\.\d+\.\d+-community", image), image


def test_bolt_and_http_ports_and_a_named_data_volume():
    svc = compose()["services"]["neo4j"]
    container_ports = {p.rsplit(":", 1)[1] for p in svc["ports"]}
    assert container_ports == {"7474", "7687"}
    assert all(p.startswith("${NEO4J_BIND:-127.0.0.1}:") for p in svc["ports"])  # this machine only, unless asked
    data = next(v for v in svc["volumes"] if v.split(":")[1] == "/data")
    assert data.split(":")[0] in compose()["volumes"]  # a named volume, not a host folder


def test_password_comes_from_the_environment_and_none_is_committed():
    env = compose()["services"]["neo4j"]["environment"]
    assert env["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_PASSWORD=$", example, re.M)  # empty: compose refuses to start until one is chosen
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    settings = dict(re.findall(r"^([A-Z0-9_]+)=(.*)$", example, re.M))
    assert settings["NEO4J_URI"] == "bolt://localhost:7687" and settings["NEO4J_USER"] == "neo4j"


def test_memory_for_a_laptop_with_neo4j_5_setting_names():
    env = compose()["services"]["neo4j"]["environment"]
    memory = {k: v for k, v in env.items() if "memory" in k}
    # Neo4j 5 names (server.memory.*): 4.x names (dbms.memory.heap...) stop a 5.x server at start-up.
    assert set(memory) == {"NEO4J_server_memory_heap_initial__size", "NEO4J_server_memory_heap_max__size",
                           "NEO4J_server_memory_pagecache_size"}

    def mb(v: str) -> float:
        n, unit = re.fullmatch(r"(\d+)([mMgG])", v).groups()
        return int(n) * (1024 if unit in "gG" else 1)

    assert mb(memory["NEO4J_server_memory_heap_max__size"]) + mb(memory["NEO4J_server_memory_pagecache_size"]) <= 2048


def test_a_healthcheck():
    hc = compose()["services"]["neo4j"]["healthcheck"]
    assert "7474" in " ".join(hc["test"]) and hc["retries"] >= 3 and hc["start_period"]
