"""The base of the API test cases: the shared environment and small helpers that read like the API."""

from __future__ import annotations

import json
import secrets
import unittest
from typing import Any, Iterator

from harness import Environment, Response, User

# Set by run_api_tests.py before the tests run: one server and database for the whole suite.
ENV: Environment | None = None

# Chợ Bến Thành: in Phường Bến Thành (26743), by its boundary and by the nearest ward centre.
BEN_THANH = (10.7725, 106.698)
BEN_THANH_WARD = "26743"


def tag() -> str:
    """A token that survives folding unchanged, to find a test's own reports with ?q=."""
    return "t" + secrets.token_hex(5)


def walk(value: Any, path: str = "$") -> Iterator[tuple[str, str, Any]]:
    """Yields (path, key, value) for every key of every object in a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield path, k, v
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i}]")


class ApiCase(unittest.TestCase):
    maxDiff = 6000

    @property
    def env(self) -> Environment:
        assert ENV is not None, "run through run_api_tests.py"
        return ENV

    @property
    def http(self):
        return self.env.client

    def tok(self, username: str) -> str:
        return self.env.token(username)

    # -- accounts

    def citizen(self, name: str | None = None) -> User:
        return self.env.add_user("citizen", name=name or f"Công Dân Thử {secrets.token_hex(4)}",
                                 prefix="cit_")

    def staff(self, role: str, unit: str | None = None, name: str | None = None) -> User:
        return self.env.add_user(role, unit=unit,
                                 name=name or f"Cán Bộ Thử {secrets.token_hex(4)}",
                                 prefix=f"{role}_")

    # -- requests

    def report_body(self, **over: Any) -> dict:
        body = {"kind": "report", "category": "dien_luc",
                "description": f"Đèn đường không sáng {tag()}",
                "lat": BEN_THANH[0], "lon": BEN_THANH[1]}
        body.update(over)
        return {k: v for k, v in body.items() if v is not None}

    def submit(self, token: str, headers: dict | None = None, **over: Any) -> dict:
        r = self.http.post("/api/v1/reports", self.report_body(**over), token=token,
                           headers=headers)
        self.assertEqual(r.status, 201, r)
        return r.json()

    def staff_act(self, token: str, rid: int, action: str, body: Any = None,
                  expect: int = 200) -> Response:
        r = self.http.post(f"/api/v1/staff/reports/{rid}/{action}", body, token=token)
        self.assertEqual(r.status, expect, r)
        return r

    def author_act(self, token: str, rid: int, action: str, body: Any = None,
                   expect: int = 200) -> Response:
        r = self.http.post(f"/api/v1/reports/{rid}/{action}", body, token=token)
        self.assertEqual(r.status, expect, r)
        return r

    def citizen_view(self, token: str | None, rid: int, expect: int = 200) -> Any:
        r = self.http.get(f"/api/v1/reports/{rid}", token=token)
        self.assertEqual(r.status, expect, r)
        return r.json()

    def staff_view(self, token: str, rid: int, expect: int = 200) -> Any:
        r = self.http.get(f"/api/v1/staff/reports/{rid}", token=token)
        self.assertEqual(r.status, expect, r)
        return r.json()

    def staff_list(self, token: str, query: str = "", expect: int = 200) -> Any:
        r = self.http.get("/api/v1/staff/reports" + (f"?{query}" if query else ""), token=token)
        self.assertEqual(r.status, expect, r)
        return r.json()

    def staff_list_all(self, token: str, query: str = "") -> list[dict]:
        """Every page of a staff list."""
        items: list[dict] = []
        after = None
        for _ in range(1000):
            q = "limit=100" + (f"&{query}" if query else "") + (f"&after={after}" if after else "")
            page = self.staff_list(token, q)
            items.extend(page["items"])
            after = page["next"]
            if not after:
                return items
        self.fail("staff list never ended")

    # Drives a report through the lifecycle up to `state`, with operator `op` and unit staff `unit`
    # (who must belong to the routed unit), on behalf of citizen `author`.
    def report_in_state(self, state: str, author: User, op: str, unit: str, **over: Any) -> dict:
        rep = self.submit(author.token, **over)
        rid = rep["id"]
        if state == "received":
            return rep
        if state == "rejected":
            return self.staff_act(op, rid, "reject", {"reason": "Nội dung không phù hợp"}).json()
        if state == "withdrawn":
            return self.author_act(author.token, rid, "withdraw").json()
        if state == "duplicate":
            survivor = self.submit(author.token)
            return self.staff_act(op, rid, "merge", {"into": survivor["code"]}).json()
        rep = self.staff_act(op, rid, "assign").json()
        if state == "assigned":
            return rep
        rep = self.staff_act(unit, rid, "accept").json()
        if state == "in_progress":
            return rep
        rep = self.staff_act(unit, rid, "resolve", {"result": "Đã xử lý xong"}).json()
        if state == "resolved":
            return rep
        if state == "closed":
            return self.author_act(author.token, rid, "rating", {"score": 4}).json()
        raise ValueError(state)

    # -- assertions

    def assertProblem(self, r: Response, status: int, code: str | None = None,
                      fields: tuple[str, ...] | list[str] = ()) -> dict:
        self.assertEqual(r.status, status, r)
        self.assertEqual(r.content_type, "application/problem+json", r)
        p = r.json()
        for key in ("type", "title", "status", "detail", "code"):
            self.assertIn(key, p, r)
            if key != "status":
                self.assertIsInstance(p[key], str, r)
                self.assertTrue(p[key], r)
        self.assertEqual(p["status"], status, r)
        if code is not None:
            self.assertEqual(p["code"], code, r)
        for f in fields:
            self.assertIn("errors", p, r)
            self.assertIn(f, p["errors"], r)
            self.assertIsInstance(p["errors"][f], str, r)
        return p

    def assertNotInText(self, needle: str, r: Response | Any, what: str = "") -> None:
        text = r.text if isinstance(r, Response) else json.dumps(r, ensure_ascii=False)
        self.assertNotIn(needle, text, f"{what}: {needle!r} leaked in {text[:2000]}")

    def row_count(self, where: str = "") -> int:
        return self.env.count("reports", where)
