#!/usr/bin/python3
"""Derive what the logout plans need from the conformance kit's generated files (the kit itself stays as it is).

  config/oidcc-gatehouse-logout.json   suite config for the logout, frontchannel, backchannel and session plans,
                                       from the kit's config/oidcc-gatehouse-static.json
  gatehouse/appsettings.json           rewritten in place (with --receivers) so that the clients register only
                                       the logout receivers of the suite that the plan expects

Both under the work directory ($CONFORMANCE_WORK, default target/conformance). Run by logout-plans.sh after the
kit's gen-config.py; runnable alone.

Why (see docs/conformance.md, "How the logout plans run"):
- Gatehouse sends the browser on to post_logout_redirect_uri by itself after a sign-out (RP-Initiated Logout 1.0
  §3: a 303, or the signed-out page with the front-channel iframes and a refresh once they loaded). The kit's
  config expects to click the signed-out page's link back to the client first, and the suite's browser fails a
  task whose URL does not match unless the task is optional: every task before the final "Verify Complete" on
  the suite's /post_logout_redirect becomes optional, so the link is clicked only if the page is still shown.
  The entries that expect an error page or a confirmation (the kit's overrides) do not end there: unchanged.
- The session plan sends the browser to the suite's own /session_verify and /second_session_verify pages, which
  frame the OP's check_session_iframe and report through /session_result and /second_session_result: the kit
  has no browser entry for them, so the scripted browser would never go there.
- A suite test module fails on any request to a path it does not handle: the front-channel module on a
  back-channel logout token, the back-channel module on a front-channel iframe, the RP-initiated and
  session-management modules on either. So each plan gets exactly the receivers it tests (--receivers).
- The back-channel module checks the X-Ssl-Protocol / X-Ssl-Cipher headers that the hosted suite's proxy adds;
  the kit has none, so the logout tokens go through tls-header-proxy.py (--backchannel-via).

usage: logout-configs.py [--receivers none|front|back|both] [--backchannel-via https://localhost:PORT]
"""
import argparse, json, os, sys

WORK = os.path.abspath(os.environ.get("CONFORMANCE_WORK", "target/conformance"))
GH = "https://localhost:21090"        # Gatehouse issuer (the kit's start-gatehouse.sh)
SUITE = "https://localhost:21443"     # the suite (the kit's start-suite.sh)
ENDSESSION_MATCH = GH + "/connect/endsession*"
POST_LOGOUT_MATCH = SUITE + "/test/*/post_logout_redirect*"
KIT_CONFIG = os.path.join(WORK, "config", "oidcc-gatehouse-static.json")
OUT_CONFIG = os.path.join(WORK, "config", "oidcc-gatehouse-logout.json")
SETTINGS = os.path.join(WORK, "gatehouse", "appsettings.json")
RECEIVERS = {"none": (), "front": ("FrontChannelLogoutUri",), "back": ("BackChannelLogoutUri",),
             "both": ("FrontChannelLogoutUri", "BackChannelLogoutUri")}


def accept_automatic_redirect(entry):
    """An end-session entry that ends on the suite's post_logout_redirect: the steps before it become optional.
    Returns whether the entry was one."""
    tasks = entry.get("tasks") or []
    if entry.get("match") != ENDSESSION_MATCH or not tasks or tasks[-1].get("match") != POST_LOGOUT_MATCH:
        return False
    for task in tasks[:-1]:
        if not task.get("optional"):
            task["optional"] = True
            task["task"] += " (only if Gatehouse did not redirect by itself)"
    return True


def session_check(first):
    """The suite's session check page: its iframes post the check_session_iframe's answer to the result URL."""
    verify, result = ("session_verify", "session_result") if first else ("second_session_verify", "second_session_result")
    return {"comment": f"session management: the suite's /{verify} frames the OP's check_session_iframe",
            "match": f"{SUITE}/test/*/{verify}*", "tasks": [
                {"task": f"Wait for the check_session_iframe's answer at /{result}", "match": f"{SUITE}/test/*/{verify}*",
                 "commands": [["wait", "contains", f"/{result}", 15]]},
                {"task": "Verify Complete", "match": f"{SUITE}/test/*/{result}*"}]}


def suite_config():
    with open(KIT_CONFIG) as f:
        config = json.load(f)
    changed = sum(accept_automatic_redirect(e) for e in config.get("browser", []))
    if not changed:  # the default entry, used by oidcc-rp-initiated-logout and the channel plans
        sys.exit(f"{KIT_CONFIG}: no end-session browser entry ending on {POST_LOGOUT_MATCH}; has the kit changed?")
    for override in config.get("override", {}).values():
        changed += sum(accept_automatic_redirect(e) for e in override.get("browser", []))
    config["browser"] += [session_check(True), session_check(False)]
    config["description"] += "; logout plans (src/test/conformance/logout-configs.py)"
    if os.environ.get("LOGOUT_BROWSER_VERBOSE") == "1":
        config["browser_verbose"] = True
    write(OUT_CONFIG, config)
    print(f"  {changed} end-session browser entr{'y' if changed == 1 else 'ies'} accept the automatic redirect")


def settings(receivers, via):
    keep = RECEIVERS[receivers]
    with open(SETTINGS) as f:
        data = json.load(f)
    clients = data["IdentityServer"]["Clients"]
    for client in clients:
        for key in RECEIVERS["both"]:
            if key in keep and key not in client:
                sys.exit(f"{SETTINGS}: client {client['ClientId']} has no {key}: run the kit's gen-config.py "
                         "with CONFORMANCE_LOGOUT_URIS=1 first")
            if key not in keep:
                client.pop(key, None)
        if via and "BackChannelLogoutUri" in client:
            client["BackChannelLogoutUri"] = client["BackChannelLogoutUri"].replace(SUITE, via, 1)
    write(SETTINGS, data)
    print(f"  clients register the suite's logout receivers: {', '.join(keep) or 'none'}"
          + (f" (back-channel through {via})" if via and "BackChannelLogoutUri" in keep else ""))


def write(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)
    print("wrote", os.path.relpath(path))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receivers", choices=sorted(RECEIVERS),
                        help="rewrite gatehouse/appsettings.json: which logout receivers the clients keep")
    parser.add_argument("--backchannel-via", metavar="ORIGIN",
                        help=f"the BackChannelLogoutUri on ORIGIN (tls-header-proxy.py) in place of {SUITE}")
    args = parser.parse_args()
    suite_config()
    if args.receivers:
        settings(args.receivers, args.backchannel_via)


if __name__ == "__main__":
    main()
