#!/usr/bin/python3
"""Regenerates docs/conformance.md from the OpenID conformance suite's exported plan runs (the zips that
../shared/conformance/run-plans.sh leaves in target/conformance/results), so that the page's claim stays checkable.

usage (from the checkout root, after run-plans.sh config basic formpost implicit hybrid logout):
    python3 src/test/conformance/report.py [--results DIR] [--out FILE] [--suite-src DIR]
For each plan only its newest export counts. A module is INTERRUPTED unless it FINISHED with a final result."""
import argparse, collections, glob, json, os, subprocess, sys, zipfile

COLUMNS = ["PASSED", "WARNING", "REVIEW", "SKIPPED", "FAILED", "INTERRUPTED"]
ORDER = ["config", "basic", "formpost", "implicit", "hybrid", "logout"]


def short_name(plan):
    for prefix, name in [("oidcc-config-", "config"), ("oidcc-basic-", "basic"), ("oidcc-formpost-basic-", "formpost"),
                         ("oidcc-implicit-", "implicit"), ("oidcc-hybrid-", "hybrid"), ("oidcc-rp-initiated-logout-", "logout")]:
        if plan.startswith(prefix):
            return name
    return plan


def modules(zip_path):
    with zipfile.ZipFile(zip_path) as z:
        for name in sorted(z.namelist()):
            if name.endswith(".json"):
                yield json.loads(z.read(name))


def result(log):
    info = log["testInfo"]
    return info.get("result") if info.get("status") == "FINISHED" and info.get("result") in COLUMNS[:5] else "INTERRUPTED"


def newest_exports(results):
    newest = {}
    for path in glob.glob(os.path.join(results, "*.zip")):
        logs = list(modules(path))
        if not logs:
            continue
        plan = logs[0]["testInfo"].get("planName") or os.path.basename(path).split("-certification-test-plan")[0] + "-certification-test-plan"
        if plan not in newest or os.path.getmtime(path) > os.path.getmtime(newest[plan][0]):
            newest[plan] = (path, logs)
    return newest


def variant_of(logs):
    common = None
    for log in logs:
        items = set((log["testInfo"].get("variant") or {}).items())
        common = items if common is None else common & items
    return ", ".join(f"{k}={v}" for k, v in sorted(common or []))


def entries(log, kinds):
    return [e for e in log.get("results", []) if e.get("result") in kinds]


def describe(log):
    v = log["testInfo"].get("variant") or {}
    return log["testInfo"]["testName"] + "".join(f" [{v[k]}]" for k in ("response_type", "response_mode") if k in v)


def suite_commit(src):
    try:
        return subprocess.run(["git", "-C", src, "log", "-1", "--format=%h %cs"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--results", default="target/conformance/results")
    args.add_argument("--out", default="docs/conformance.md")
    args.add_argument("--suite-src", default="target/conformance/suite")
    a = args.parse_args()
    exports = newest_exports(a.results)
    if not exports:
        sys.exit(f"no exported plan (*.zip) in {a.results}: run ../shared/conformance/run-plans.sh first")
    plans = sorted(exports, key=lambda p: (ORDER.index(short_name(p)) if short_name(p) in ORDER else len(ORDER), p))
    first = next(iter(exports.values()))[1][0]
    commit = suite_commit(a.suite_src)
    out = ["# OpenID conformance", "",
           "Results of the OpenID Foundation conformance suite, run on loopback against this checkout with the kit in "
           "`../shared/conformance/` (statically registered clients, discovery). Exported "
           f"{max(l[0]['exportedAt'] for _, l in exports.values())} by suite version {first.get('exportedVersion')}"
           + (f", commit {commit}" if commit else "") + ". Regenerate with "
           "`../shared/conformance/run-plans.sh config basic formpost implicit hybrid logout` and then "
           "`python3 src/test/conformance/report.py`. Certification itself happens on the Foundation's hosted suite "
           "against a public deployment; this page is the regression record.", "",
           "| plan | suite plan | variant | plan id | modules | " + " | ".join(COLUMNS) + " |",
           "|---|---|---|---|---|" + "---|" * len(COLUMNS)]
    passed = failed = 0
    sections = {"skipped": [], "review": [], "problems": []}
    for plan in plans:
        path, logs = exports[plan]
        counts = collections.Counter(result(l) for l in logs)
        passed += sum(counts[c] for c in COLUMNS[:4]); failed += counts["FAILED"] + counts["INTERRUPTED"]
        out.append(f"| {short_name(plan)} | {plan} | {variant_of(logs)} | {logs[0]['testInfo'].get('planId')} | {len(logs)} | "
                   + " | ".join(str(counts[c]) for c in COLUMNS) + " |")
        print(f"{short_name(plan)}: " + ", ".join(f"{counts[c]} {c}" for c in COLUMNS if counts[c]))
        for log in sorted(logs, key=describe):
            r = result(log)
            if r == "SKIPPED":
                msg = next((e.get("msg", "") for e in entries(log, {"SKIPPED"})), "")
                sections["skipped"].append(f"- {short_name(plan)}: `{describe(log)}`: {msg}")
            for e in entries(log, {"REVIEW"}):
                sections["review"].append(f"- {short_name(plan)}: `{describe(log)}` ({r}): {e.get('msg', '')}")
            if r in ("WARNING", "FAILED", "INTERRUPTED"):
                for e in entries(log, {"WARNING", "FAILURE"}):
                    sections["problems"].append(f"- {short_name(plan)}: `{describe(log)}` {r}: {e.get('src')}: {e.get('msg')}")
    total = f"{passed} passed, {failed} failed"
    out += ["", f"Totals: **{total}** (passed counts PASSED, WARNING, REVIEW and SKIPPED; failed counts FAILED and "
            "INTERRUPTED).", "",
            "## Skipped modules", "", *(sections["skipped"] or ["None."]), "",
            "## Modules for review", "",
            "A person reviews these from the page the suite's browser saw (kept in each module's log in the export; "
            "certification wants screenshots of them uploaded).", "", *(sections["review"] or ["None."]), "",
            "## Warnings and failures", "", *(sections["problems"] or ["None."]), ""]
    os.makedirs(os.path.dirname(a.out) or ".", exist_ok=True)
    with open(a.out, "w") as f:
        f.write("\n".join(out))
    print(total)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
