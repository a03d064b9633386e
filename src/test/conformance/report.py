#!/usr/bin/python3
"""Regenerate docs/conformance.md from the OpenID Foundation conformance suite's exported plan runs.

The zips come from ../shared/conformance/run-plans.sh, which leaves one per plan run in
target/conformance/results. For each plan only the newest zip (by file mtime) counts. The page next to
--out gets a directory of review evidence (docs/conformance/review/<plan>/...): the HTML page the suite's
browser saw for each REVIEW log entry, and a PNG of it when /usr/bin/chromium can render one.

usage, from the checkout root:
    python3 src/test/conformance/report.py [--results DIR] [--out FILE] [--suite-src DIR]
"""
import argparse
import collections
import datetime
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile

RESULTS = ["PASSED", "WARNING", "REVIEW", "SKIPPED", "FAILED"]
COLUMNS = RESULTS + ["INTERRUPTED"]
PASSING = {"PASSED", "WARNING", "REVIEW", "SKIPPED"}
SHORT_NAMES = [("oidcc-config-", "config"), ("oidcc-basic-", "basic"), ("oidcc-formpost-basic-", "formpost"),
               ("oidcc-implicit-", "implicit"), ("oidcc-hybrid-", "hybrid"), ("oidcc-rp-initiated-logout-", "logout"),
               ("oidcc-frontchannel-rp-initiated-logout-", "frontchannel"),
               ("oidcc-backchannel-rp-initiated-logout-", "backchannel"), ("oidcc-session-management-", "session")]
PLAN_ORDER = [name for _, name in SHORT_NAMES]
CHROMIUM = "/usr/bin/chromium"
PNG_LIMIT = 3 * 1024 * 1024
REGENERATE = ("`../shared/conformance/run-plans.sh config basic formpost implicit hybrid` and "
              "`src/test/conformance/logout-plans.sh` (see below), followed by `python3 src/test/conformance/report.py`")
LOGOUT_PLANS = [
    "The logout plans (logout, frontchannel, backchannel, session) do not run with the kit's plain configuration, "
    "but through `src/test/conformance/logout-plans.sh` (from the checkout root, with the suite started and the WAR "
    "built; it restarts Gatehouse for each plan and leaves it running). It changes nothing in the kit; it derives "
    "what each plan needs from the kit's generated files (`src/test/conformance/logout-configs.py`) and runs the plan "
    "as `'PLAN[response_type=code][client_registration=static_client]|oidcc-gatehouse-logout.json'` through the "
    "kit's `run-plans.sh`. The workarounds, and why:",
    "",
    "- **Automatic redirect after sign-out.** Gatehouse sends the browser on to `post_logout_redirect_uri` by itself "
    "(RP-Initiated Logout 1.0 §3: a 303, or the signed-out page with the front-channel iframes and a refresh once "
    "they have loaded). The kit's configuration clicks the signed-out page's `#post-logout-redirect` link first, "
    "and the suite's scripted browser fails a task whose URL does not match unless it is optional, so the modules "
    "ended INTERRUPTED (\"WebRunner unexpected url for task\") after the suite's checks had passed. The derived "
    "configuration makes that task optional (the link is clicked only if the page stays) before the final "
    "\"Verify Complete\" on the suite's `/post_logout_redirect`. The kit's entries for the modules that expect "
    "an error page or a confirmation are unchanged.",
    "- **Only the receivers a plan tests.** A suite test module fails on any request to a path it does not "
    "handle (\"Got an HTTP request to '...' that wasn't expected\"): the front-channel module on a back-channel "
    "logout token, the back-channel module on a front-channel iframe, the RP-initiated and session modules on "
    "either. `CONFORMANCE_LOGOUT_URIS=1` registers both on every client, so the script starts Gatehouse itself "
    "(as `start-gatehouse.sh` does, same command line) with the kit's settings reduced to the plan's receivers: "
    "none for logout and session, `FrontChannelLogoutUri` for frontchannel, `BackChannelLogoutUri` for "
    "backchannel.",
    "- **Trusting the suite's certificate.** Gatehouse POSTs logout tokens to the suite over HTTPS; its JVM gets "
    "a truststore (the JDK's CA certificates plus `target/conformance/tls/localhost.crt`, "
    "`target/conformance/gatehouse-truststore.p12`) through `JAVA_TOOL_OPTIONS`, else the delivery fails with an "
    "`SSLHandshakeException`.",
    "- **The TLS headers of the hosted suite's proxy.** The back-channel module checks `X-Ssl-Protocol` and "
    "`X-Ssl-Cipher` (`EnsureIncomingTls13`, `EnsureIncomingTls12WithSecureCipherOrTls13`), which the hosted "
    "suite's nginx/Apache adds to every request; the kit has no proxy, so both warned \"TLS protocol not found\" "
    "whatever Gatehouse did. The logout tokens go through `src/test/conformance/tls-header-proxy.py` "
    "(127.0.0.1:21444, started and stopped by the script), which adds both from its own TLS handshake with "
    "Gatehouse.",
    "- **Session management pages.** The session plan sends the browser to the suite's own `/session_verify` and "
    "`/second_session_verify` pages, which frame `check_session_iframe` and report at `/session_result` and "
    "`/second_session_result`; the kit has no browser entries for them, so the derived configuration adds them.",
    "- **Session management in the scripted browser.** The suite's headless browser (HtmlUnit 4.17) has no "
    "`crypto.subtle.digest` (it returns a rejected promise); Gatehouse's `check_session_iframe` therefore hashes "
    "with js-sha256 (vendored, MIT) rather than WebCrypto, which also makes it work outside secure contexts. "
    "The suite's own CI leaves these modules out (\"The browser automation currently doesn't seem to work for "
    "the iframes/js these tests use\", `scripts/run-test-plan.py`); here they run and pass.",
    "",
    "Run `run-plans.sh logout` (plain) after the script and this page would show that run instead: for each plan "
    "only the newest export counts.",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default="target/conformance/results", help="directory of exported zips")
    parser.add_argument("--out", default="docs/conformance.md", help="markdown file to write")
    parser.add_argument("--suite-src", default="target/conformance/suite", help="conformance suite checkout")
    return parser.parse_args()


def plan_name(zip_path, plan_id):
    """The suite's plan name, from a zip name such as <plan>-<variant values>-<plan id>-<date>.zip."""
    stem = os.path.basename(zip_path)[:-len(".zip")]
    match = re.match(r"(.*?-test-plan)(-|$)", stem)
    if match:
        return match.group(1)
    return stem.split("-" + plan_id)[0] if plan_id else stem


def short_name(plan):
    return next((name for prefix, name in SHORT_NAMES if plan.startswith(prefix)), plan)


def plan_sort_key(plan):
    short = short_name(plan)
    return (PLAN_ORDER.index(short), "") if short in PLAN_ORDER else (len(PLAN_ORDER), plan)


def read_logs(zip_path):
    with zipfile.ZipFile(zip_path) as archive:
        return [json.loads(archive.read(name)) for name in sorted(archive.namelist())
                if os.path.basename(name).startswith("test-log-") and name.endswith(".json")]


def newest_exports(results_dir):
    """{plan name: (zip path, module logs)} for the newest zip of each plan."""
    newest = {}
    for path in sorted(glob.glob(os.path.join(results_dir, "*.zip")), key=os.path.getmtime):
        logs = read_logs(path)
        if logs:
            newest[plan_name(path, logs[0]["testInfo"].get("planId"))] = (path, logs)
    return newest


def module_result(log):
    info = log["testInfo"]
    finished = info.get("status") == "FINISHED" and info.get("result") in RESULTS
    return info["result"] if finished else "INTERRUPTED"


def variant(log):
    return log["testInfo"].get("variant") or {}


def common_variant(logs):
    """The variant settings that every module of the plan shares, in the suite's own key order."""
    first = variant(logs[0])
    return {k: v for k, v in first.items() if all(variant(log).get(k) == v for log in logs)}


def format_variant(values):
    return ", ".join(f"{k}={v}" for k, v in values.items())


def module_sort_key(log):
    return log["testInfo"]["testName"], sorted(variant(log).items())


def module_label(log):
    values = variant(log)
    parts = [f"{k} `{values[k]}`" for k in ("response_type", "response_mode") if k in values]
    return f"`{log['testInfo']['testName']}`" + (f" ({', '.join(parts)})" if parts else "")


def entries(log, kinds):
    return [e for e in log.get("results", []) if e.get("result") in kinds]


def first_sentence(text):
    text = " ".join((text or "").split())
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]


def export_time(log):
    raw = " ".join(log.get("exportedAt", "").split())
    try:
        return datetime.datetime.strptime(raw, "%b %d, %Y, %I:%M:%S %p")
    except ValueError:
        return datetime.datetime.min


def suite_commit(src):
    """'<short hash> <commit date>' when src is itself the top of a git checkout, else None."""
    def git(*args):
        done = subprocess.run(["git", "-C", src, *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None
    if not os.path.isdir(src) or git("rev-parse", "--show-toplevel") != os.path.realpath(src):
        return None
    return git("log", "-1", "--format=%h %cs")


def evidence_names(logs):
    """Evidence file stem for each (module log index, entry index) REVIEW entry that carries a page."""
    varying = [k for k in ("response_type", "response_mode")
               if len({variant(log)[k] for log in logs if k in variant(log)}) > 1]
    stems, used = {}, collections.Counter()
    for i, log in enumerate(logs):
        for j, entry in enumerate(log.get("results", [])):
            if entry.get("result") == "REVIEW" and entry.get("page_source"):
                parts = [log["testInfo"]["testName"]] + [variant(log)[k] for k in varying if k in variant(log)]
                stem = "-".join(parts).replace(" ", "_")
                used[stem] += 1
                stems[(i, j)] = stem if used[stem] == 1 else f"{stem}-{used[stem]}"
    return stems


def render_png(html_path):
    """Screenshot html_path with headless Chromium; the PNG's path, or None when that failed."""
    png = html_path[:-len(".html")] + ".png"
    command = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", f"--screenshot={png}",
               "--window-size=1000,800", "file://" + html_path]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    if process.returncode == 0 and os.path.isfile(png):
        return png
    print(f"could not render {html_path}; linking the HTML", file=sys.stderr)
    return None


def write_evidence(plans, exports, review_dir):
    """Write every REVIEW page as HTML (and PNG if possible); {(plan, log index, entry index): file path}."""
    shutil.rmtree(review_dir, ignore_errors=True)
    files = {}
    for plan in plans:
        logs = exports[plan][1]
        for (i, j), stem in evidence_names(logs).items():
            html = os.path.abspath(os.path.join(review_dir, short_name(plan), stem + ".html"))
            os.makedirs(os.path.dirname(html), exist_ok=True)
            with open(html, "w", encoding="utf-8") as f:
                f.write(logs[i]["results"][j]["page_source"])
            files[(plan, i, j)] = html
    if os.path.exists(CHROMIUM):
        pngs = {key: render_png(html) for key, html in files.items()}
        pngs = {key: png for key, png in pngs.items() if png}
        total = sum(os.path.getsize(png) for png in pngs.values())
        if total > PNG_LIMIT:
            for png in pngs.values():
                os.remove(png)
            print(f"screenshots total {total} bytes, over {PNG_LIMIT}: deleted them, the page links the HTML")
        else:
            files.update(pngs)
            print(f"screenshots: {len(pngs)} PNG files, {total} bytes")
    else:
        print(f"no {CHROMIUM}: the page links the HTML evidence")
    return files


def intro(exports):
    logs = [log for _, plan_logs in exports.values() for log in plan_logs]
    newest = max(logs, key=export_time)
    versions = sorted({log.get("exportedVersion", "unknown") for log in logs})
    return newest["exportedAt"].replace("\u202f", " "), ", ".join(versions)


def counts_row(plan, zip_logs):
    logs = zip_logs[1]
    counts = collections.Counter(module_result(log) for log in logs)
    row = [short_name(plan), plan, format_variant(common_variant(logs)), logs[0]["testInfo"].get("planId", ""),
           str(len(logs))] + [str(counts[c]) for c in COLUMNS]
    return counts, "| " + " | ".join(row) + " |"


def skipped_lines(logs):
    return [f"- {module_label(log)}: {first_sentence(next((e.get('msg') for e in entries(log, {'SKIPPED'})), ''))}"
            for log in sorted(logs, key=module_sort_key) if module_result(log) == "SKIPPED"]


def review_lines(plan, logs, evidence, page_dir):
    lines = []
    for i, log in sorted(enumerate(logs), key=lambda pair: module_sort_key(pair[1])):
        result = module_result(log)
        reviews = [(j, e) for j, e in enumerate(log.get("results", [])) if e.get("result") == "REVIEW"]
        if result == "REVIEW" and not reviews:
            lines.append(f"- {module_label(log)}, module REVIEW: the log holds no REVIEW entry.")
        for j, entry in reviews:
            path = evidence.get((plan, i, j))
            if path:
                link = f"[{os.path.basename(path)}]({os.path.relpath(path, page_dir)})"
            elif entry.get("image_no_longer_required"):
                link = "no page captured (the suite marks the screenshot as no longer required)"
            else:
                link = "no page captured"
            msg = entry.get("msg", "").rstrip()
            lines.append(f"- {module_label(log)}, module {result}: {msg}{'' if msg.endswith('.') else '.'} "
                         f"Evidence: {link}.")
    return lines


def problem_lines(logs):
    lines = []
    for log in sorted(logs, key=module_sort_key):
        result = module_result(log)
        if result in ("WARNING", "FAILED", "INTERRUPTED"):
            info = log["testInfo"]
            lines.append(f"- {module_label(log)}: {result} (status {info.get('status')}, result {info.get('result')})")
            found = collections.Counter((e.get("result"), e.get("src"), first_sentence(e.get("msg")))
                                        for e in entries(log, {"FAILURE", "WARNING"}))
            lines += [f"  - {kind} `{src}`: {msg}" + (f" ({n} times)" if n > 1 else "")
                      for (kind, src, msg), n in found.items()]
    return lines


def section(title, per_plan, preface=None):
    lines = ["", f"## {title}", ""] + ([preface, ""] if preface else [])
    filled = [(plan, body) for plan, body in per_plan if body]
    if not filled:
        return lines + ["None."]
    for plan, body in filled:
        lines += [f"### {short_name(plan)}", ""] + body + [""]
    return lines[:-1]


def main():
    args = parse_args()
    exports = newest_exports(args.results)
    if not exports:
        sys.exit(f"no exported plan run (*.zip with test-log-*.json) in {args.results}: "
                 "run ../shared/conformance/run-plans.sh first")
    plans = sorted(exports, key=plan_sort_key)
    page_dir = os.path.dirname(os.path.abspath(args.out))
    evidence = write_evidence(plans, exports, os.path.join(os.path.splitext(args.out)[0], "review"))
    exported_at, versions = intro(exports)
    commit = suite_commit(args.suite_src)
    lines = ["# OpenID conformance", "",
             "These are the results of the OpenID Foundation conformance suite, run on loopback against this "
             "checkout with the kit in `../shared/conformance/` and statically registered clients. "
             f"The newest export is from {exported_at}, by suite version {versions}"
             + (f" (commit {commit})" if commit else "") + f". To regenerate this page, run {REGENERATE}. "
             "Certification itself happens on the Foundation's hosted suite; this page is the regression record.",
             "", "| plan | suite plan | variant | plan id | modules | " + " | ".join(COLUMNS) + " |",
             "|---|---|---|---|---|" + "---|" * len(COLUMNS)]
    passed = failed = 0
    for plan in plans:
        counts, row = counts_row(plan, exports[plan])
        lines.append(row)
        passed += sum(counts[c] for c in PASSING)
        failed += counts["FAILED"] + counts["INTERRUPTED"]
        print(f"{short_name(plan)} ({exports[plan][1][0]['testInfo'].get('planId')}): {len(exports[plan][1])} module(s), "
              + ", ".join(f"{counts[c]} {c}" for c in COLUMNS if counts[c]))
    totals = f"{passed} passed, {failed} failed"
    lines += ["", f"Totals: {totals}. Passed counts PASSED, WARNING, REVIEW and SKIPPED modules; "
              "failed counts FAILED and INTERRUPTED ones."]
    lines += ["", "## How the logout plans run", ""] + LOGOUT_PLANS
    lines += section("Skipped modules", [(p, skipped_lines(exports[p][1])) for p in plans])
    lines += section("Modules for review", [(p, review_lines(p, exports[p][1], evidence, page_dir)) for p in plans],
                     "A person checks each of these against the page the suite's browser saw; the evidence files "
                     "are that page as exported by the suite. Pages load their stylesheets from the server, so "
                     "the saved copies render unstyled.")
    lines += section("Warnings and failures", [(p, problem_lines(exports[p][1])) for p in plans])
    os.makedirs(page_dir, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(totals)


if __name__ == "__main__":
    main()
