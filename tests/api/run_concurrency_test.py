#!/usr/bin/env python3
"""Concurrency test: hundreds of parallel submissions are all stored with unique codes, and an
Idempotency-Key never makes two reports: pairs and bursts of concurrent duplicates share one
report, sequential retries get the first answer again, and the same key with another body (in a
row or at once) is refused with 422 idempotency_key_reused and writes nothing. Then racing
supports and transitions on one report stay exact. (Retries across a crash: run_crash_test.py.)

    run_concurrency_test.py --binary build/bin/congdanso --engine sqlite|postgres
        [--submissions 300] [--threads 32] [--citizens 8] [--pairs 50] [--retries 20]
        [--bursts 10]

Ends with "N passed, M failed" (one check per line of output); exit 77 when PostgreSQL is asked
for and CDS_TEST_PG_URL is unset.
"""

from __future__ import annotations

import os
import secrets
import sys
import threading
import traceback
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import REPORT_CODE, SKIP_EXIT, Client, Checks, common_args, make_environment  # noqa: E402


def body(description: str) -> dict:
    return {"kind": "report", "category": "ve_sinh_moi_truong", "description": description,
            "lat": 10.7725, "lon": 106.698}


def main() -> int:
    p = common_args(__doc__)
    p.add_argument("--submissions", type=int, default=300)
    p.add_argument("--threads", type=int, default=32)
    p.add_argument("--citizens", type=int, default=8)
    p.add_argument("--pairs", type=int, default=50)
    p.add_argument("--retries", type=int, default=20, help="keys sent three times in a row")
    p.add_argument("--bursts", type=int, default=10, help="keys sent by several at once")
    args = p.parse_args()
    env = make_environment(args)
    if env is None:
        return SKIP_EXIT
    checks = Checks(f"concurrency {args.engine}")
    try:
        env.setup(demo_tokens=False)
        citizens = [env.add_user("citizen", name=f"Người Gửi {i}", prefix="conc_")
                    for i in range(args.citizens)]
        client = Client(env.server.port, keep_alive=True)
        run = secrets.token_hex(4)

        # 1. Many submissions at once.
        start = threading.Barrier(args.threads)

        def submit(i: int):
            who = citizens[i % len(citizens)]
            if i < args.threads:
                start.wait(timeout=60)  # the first wave leaves together
            description = f"Rác thải tồn đọng {run} số {i}"
            try:
                r = client.post("/api/v1/reports", body(description), token=who.token)
            except OSError as e:
                return i, who, description, None, repr(e)
            return i, who, description, r, ""

        t0 = time.monotonic()
        with ThreadPoolExecutor(args.threads) as pool:
            results = list(pool.map(submit, range(args.submissions)))
        elapsed = time.monotonic() - t0
        print(f"{args.submissions} submissions from {args.threads} threads in {elapsed:.2f} s")
        failures = [(i, r, err) for i, _, _, r, err in results if r is None or r.status != 201]
        checks.check(not failures, f"all {args.submissions} submissions answered 201",
                     f"{len(failures)} did not, e.g. {failures[:3]}")
        ok = [(i, who, d, r.json()) for i, who, d, r, _ in results if r is not None and r.status == 201]
        ids = [j["id"] for *_, j in ok]
        codes = [j["code"] for *_, j in ok]
        checks.check(len(set(ids)) == len(ids), "ids are unique", f"{len(ids) - len(set(ids))} repeated")
        checks.check(len(set(codes)) == len(codes), "codes are unique",
                     f"{len(codes) - len(set(codes))} repeated")
        checks.check(all(REPORT_CODE.match(c) for c in codes), "codes have the PA-YYMM-NNNNNN form",
                     str([c for c in codes if not REPORT_CODE.match(c)][:5]))
        authors = ",".join(str(c.id) for c in citizens)
        stored = env.query(f"SELECT id, code, description FROM reports WHERE author_id IN ({authors})")
        checks.check(len(stored) == args.submissions, f"{args.submissions} rows stored",
                     f"{len(stored)} rows")
        by_id = {int(r[0]): (r[1], r[2]) for r in stored}
        mismatched = [(i, j["id"]) for i, _, d, j in ok if by_id.get(j["id"]) != (j["code"], d)]
        checks.check(not mismatched, "every answered report is stored as answered",
                     str(mismatched[:5]))
        dup_codes = env.query("SELECT code FROM reports GROUP BY code HAVING count(*) > 1")
        checks.check(not dup_codes, "no code is stored twice", str(dup_codes[:5]))
        # And through the API: every citizen's own list holds exactly their reports.
        listed: set[int] = set()
        for who in citizens:
            after = None
            while True:
                r = client.get("/api/v1/reports?mine=true&limit=100" + (f"&after={after}" if after else ""),
                               token=who.token)
                listed.update(i["id"] for i in r.json()["items"])
                after = r.json()["next"]
                if not after:
                    break
        checks.check(listed == set(ids), "each citizen's ?mine=true lists exactly their reports",
                     f"{len(listed ^ set(ids))} differ")

        # 2. Pairs of concurrent requests sharing an Idempotency-Key.
        n_before = env.count("reports")
        barriers = [threading.Barrier(2) for _ in range(args.pairs)]
        keys = [f"pair-{run}-{k}" for k in range(args.pairs)]

        def pair_member(task: int):
            k = task // 2
            who = citizens[k % len(citizens)]
            barriers[k].wait(timeout=60)
            try:
                return k, client.post("/api/v1/reports", body(f"Cặp thử {keys[k]}"), token=who.token,
                                      headers={"Idempotency-Key": keys[k]})
            except OSError as e:
                return k, e

        with ThreadPoolExecutor(args.threads) as pool:
            answers = list(pool.map(pair_member, range(2 * args.pairs)))
        by_key: dict[int, list] = {}
        for k, r in answers:
            by_key.setdefault(k, []).append(r)
        bad = []
        for k, rs in by_key.items():
            if any(not hasattr(r, "status") or r.status != 201 for r in rs):
                bad.append((keys[k], rs))
                continue
            same = rs[0].json()["id"] == rs[1].json()["id"]
            replayed = sorted(r.headers.get("idempotent-replayed", "") for r in rs)
            if not same or replayed != ["", "true"]:
                bad.append((keys[k], rs))
        checks.check(not bad, f"{args.pairs} concurrent pairs: both 201, same report, one replayed",
                     f"{len(bad)} pairs differ, e.g. {bad[:2]}")
        per_key = env.query(f"SELECT description, count(*) FROM reports WHERE description LIKE "
                            f"'Cặp thử pair-{run}-%' GROUP BY description")
        counts = {d: int(c) for d, c in per_key}
        checks.check(len(counts) == args.pairs and all(c == 1 for c in counts.values()),
                     "exactly one report per key", f"{len(counts)} keys stored, counts {counts}")
        checks.check(env.count("reports") == n_before + args.pairs,
                     "the pairs added exactly one row each",
                     f"{env.count('reports') - n_before} rows for {args.pairs} keys")

        # 2b. Sequential retries with one key: the same answer each time, one report.
        n_before = env.count("reports")
        retry_bad = []
        for k in range(args.retries):
            who = citizens[k % len(citizens)]
            key = {"Idempotency-Key": f"retry-{run}-{k}"}
            sent = body(f"Gửi lại {run} số {k}")
            rs = [client.post("/api/v1/reports", sent, token=who.token, headers=key)
                  for _ in range(3)]
            if any(r.status != 201 for r in rs):
                retry_bad.append(rs)
                continue
            first = rs[0].json()
            same = all((r.json()["id"], r.json()["code"], r.json()["description"],
                        r.json()["status"]) == (first["id"], first["code"], sent["description"],
                                                "received") for r in rs)
            replayed = [r.headers.get("idempotent-replayed", "") for r in rs]
            if not same or replayed != ["", "true", "true"]:
                retry_bad.append(rs)
        checks.check(not retry_bad, f"{args.retries} keys sent three times in a row: the same "
                     "201 answer (id, code) each time, the retries marked replayed",
                     f"{len(retry_bad)} differ, e.g. {retry_bad[:1]}")
        checks.check(env.count("reports") == n_before + args.retries,
                     "sequential retries added one report per key",
                     f"{env.count('reports') - n_before} rows for {args.retries} keys")

        # 2c. Bursts of duplicates: many requests with one key at the same moment.
        n_before = env.count("reports")
        burst = 8
        gates = [threading.Barrier(burst) for _ in range(args.bursts)]

        def burst_member(task: int):
            k = task // burst
            who = citizens[k % len(citizens)]
            gates[k].wait(timeout=60)
            try:
                return k, client.post("/api/v1/reports", body(f"Dồn dập {run} số {k}"),
                                      token=who.token, headers={"Idempotency-Key": f"burst-{run}-{k}"})
            except OSError as e:
                return k, e

        with ThreadPoolExecutor(burst * 2) as pool:
            answers = list(pool.map(burst_member, range(burst * args.bursts)))
        groups: dict[int, list] = {}
        for k, r in answers:
            groups.setdefault(k, []).append(r)
        burst_bad = []
        for k, rs in groups.items():
            if any(not hasattr(r, "status") or r.status != 201 for r in rs):
                burst_bad.append(rs)
                continue
            fresh = [r for r in rs if r.headers.get("idempotent-replayed") != "true"]
            if len({r.json()["id"] for r in rs}) != 1 or len(fresh) != 1:
                burst_bad.append(rs)
        checks.check(not burst_bad, f"{args.bursts} bursts of {burst} at once with one key: all "
                     "201 with one id, one of them fresh", f"{len(burst_bad)} differ, "
                     f"e.g. {burst_bad[:1]}")
        checks.check(env.count("reports") == n_before + args.bursts,
                     "each burst stored one report",
                     f"{env.count('reports') - n_before} rows for {args.bursts} bursts")

        # 2d. One key, different bodies: the documented 422 idempotency_key_reused, nothing
        # written, in a row and at once (the first to claim the key wins; the others are refused).
        n_before = env.count("reports")
        who = citizens[0]
        key = {"Idempotency-Key": f"reused-{run}"}
        first = client.post("/api/v1/reports", body(f"Khoá dùng lại {run}"), token=who.token,
                            headers=key)
        again = client.post("/api/v1/reports", body(f"Nội dung khác {run}"), token=who.token,
                            headers=key)
        checks.check(first.status == 201 and again.status == 422 and
                     again.content_type == "application/problem+json" and
                     again.json().get("code") == "idempotency_key_reused",
                     "the same key with another body, in a row: 422 idempotency_key_reused",
                     f"{first!r} then {again!r}")
        checks.check(env.count("reports") == n_before + 1, "the refused body wrote nothing",
                     f"{env.count('reports') - n_before} rows")
        n_before = env.count("reports")
        mixed_bad = []
        for k in range(args.bursts):
            gate = threading.Barrier(4)
            mixed_key = {"Idempotency-Key": f"mixed-{run}-{k}"}

            def mixed_member(i: int):
                gate.wait(timeout=60)
                return client.post("/api/v1/reports", body(f"Khác nhau {run} số {k} bản {i}"),
                                   token=who.token, headers=mixed_key)

            with ThreadPoolExecutor(4) as pool:
                rs = list(pool.map(mixed_member, range(4)))
            statuses = sorted(r.status for r in rs)
            codes = {r.json().get("code") for r in rs if r.status == 422}
            fresh = [r for r in rs if r.status == 201 and r.headers.get("idempotent-replayed") != "true"]
            if statuses != [201, 422, 422, 422] or codes != {"idempotency_key_reused"} or len(fresh) != 1:
                mixed_bad.append(rs)
        checks.check(not mixed_bad, f"{args.bursts} times four different bodies at once with one "
                     "key: one 201, three 422 idempotency_key_reused",
                     f"{len(mixed_bad)} differ, e.g. {mixed_bad[:1]}")
        checks.check(env.count("reports") == n_before + args.bursts,
                     "each contested key stored one report",
                     f"{env.count('reports') - n_before} rows for {args.bursts} keys")

        # 3. Racing on one report: counters and transitions stay exact.
        fans = [env.add_user("citizen", prefix="fan_") for _ in range(16)]
        r = client.post("/api/v1/reports", {"kind": "idea", "category": "khac", "public": True,
                                            "description": f"Ý tưởng {run}"},
                        token=citizens[0].token)
        idea = r.json()["id"]
        go = threading.Barrier(len(fans) * 2)

        def support(i: int):
            go.wait(timeout=60)
            return client.post(f"/api/v1/reports/{idea}/support", token=fans[i % len(fans)].token)

        with ThreadPoolExecutor(len(fans) * 2) as pool:
            supports = list(pool.map(support, range(len(fans) * 2)))
        checks.check(all(r.status == 200 for r in supports), "concurrent supports answer 200",
                     str([r for r in supports if r.status != 200][:3]))
        final = client.get(f"/api/v1/reports/{idea}").json()
        checks.check(final["support_count"] == len(fans),
                     f"{len(fans)} citizens supporting twice each at once count {len(fans)}",
                     f"support_count {final['support_count']}")
        stored = env.scalar(f"SELECT support_count FROM reports WHERE id = {idea}")
        checks.check(int(stored) == len(fans), "the stored counter agrees", str(stored))

        # Concurrent transitions of one report take turns (a row lock on PostgreSQL): exactly
        # one accept wins. (Once a bug on PostgreSQL: several 200s and several "accepted" steps.)
        op = env.token("operator1")
        units = [env.add_user("unit_staff", unit="evn-hcmc", prefix="evn_") for _ in range(4)]
        rid = client.post("/api/v1/reports", {**body(f"Tranh nhận {run}"), "category": "dien_luc"},
                          token=citizens[1].token).json()["id"]
        client.post(f"/api/v1/staff/reports/{rid}/assign", token=op)
        go2 = threading.Barrier(len(units))

        def accept(u):
            go2.wait(timeout=60)
            return client.post(f"/api/v1/staff/reports/{rid}/accept", token=u.token)

        with ThreadPoolExecutor(len(units)) as pool:
            accepts = sorted(r.status for r in pool.map(accept, units))
        checks.check(accepts == [200] + [409] * (len(units) - 1),
                     "four staff accepting at once: one 200, the rest 409", str(accepts))
        accepted = env.count("report_timeline", f"report_id = {rid} AND action = 'accepted'")
        checks.check(accepted == 1, "one accepted step in the timeline", str(accepted))
        checks.check(env.server.running(), "the server is still running", env.server.log_tail(10))
    except Exception as e:  # noqa: BLE001 - a crash of the test is a failure with its reason
        checks.check(False, "the test ran to the end", repr(e))
        traceback.print_exc()
        print(env.server.log_tail(20))
    finally:
        env.teardown()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
