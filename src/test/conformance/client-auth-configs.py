#!/usr/bin/python3
"""Derive the suite configs and the Gatehouse settings of the client-authentication runs from the conformance kit's
generated files (the kit itself stays as it is): the suite's comprehensive plan, oidcc-test-plan, with the code flow
clients gh-client-1 and gh-client-2 authenticating by one method other than the kit's client secrets.

  private_key_jwt    an RSA key per client; Gatehouse holds the public JWK (Duende's JWK secret type)
  client_secret_jwt  a 64-byte shared secret per client; Gatehouse's SharedSecretReference names the property that
                     holds it (passed to Gatehouse by client-auth-plans.sh, never written into the settings file)
  mtls               client 1 a certificate issued by a test CA (tls_client_auth, Duende's X509Name secret), client 2
                     a self-signed one (self_signed_tls_client_auth, X509Thumbprint); Payara's HTTPS listener asks for
                     certificates and trusts the CA and the self-signed certificate (tls/clients.p12)
  fapi2-security     FAPI 2.0 Security Profile clients (FapiProfile Fapi2Security): a PS256 key per client for
                     private_key_jwt, DPoP-bound tokens, userinfo as the protected resource; Gatehouse signs with
                     PS256 and ES256
  fapi2-message-signing
                     the same as FAPI 2.0 Message Signing clients (Fapi2MessageSigning): signed request objects
  fapi2-security-mtls
                     FAPI 2.0 Security Profile clients authenticating by certificate as in mtls, which binds their
                     tokens (no DPoP)

Writes the suite config (config/CONFIG_FILE), rewrites gatehouse/appsettings.json in place, and for mtls the
certificates under tls/; all under the work directory ($CONFORMANCE_WORK, default target/conformance). Prints the
JVM options Gatehouse needs (system properties), one per line. Run by client-auth-plans.sh after the kit's
gen-config.py.

usage: client-auth-configs.py private_key_jwt|client_secret_jwt|mtls|fapi2-security|fapi2-message-signing|fapi2-security-mtls CONFIG_FILE
"""
import base64, copy, datetime, hashlib, json, os, secrets, subprocess, sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

WORK = os.path.abspath(os.environ.get("CONFORMANCE_WORK", "target/conformance"))
KIT_CONFIG = os.path.join(WORK, "config", "oidcc-gatehouse-static.json")
SETTINGS = os.path.join(WORK, "gatehouse", "appsettings.json")
TLS = os.path.join(WORK, "tls")
CLIENTS = ("client", "client2")             # the suite config's two clients
IDS = {"client": "gh-client-1", "client2": "gh-client-2"}
# Payara opens the listener's trust store with its master password, "changeit" unless set otherwise.
TRUST_PASSWORD = "changeit"


def b64url(number_or_bytes):
    raw = number_or_bytes if isinstance(number_or_bytes, bytes) else \
        number_or_bytes.to_bytes((number_or_bytes.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def rsa_jwk(kid, alg="RS256"):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pub, priv = key.public_key().public_numbers(), key.private_numbers()
    public = {"kty": "RSA", "kid": kid, "alg": alg, "use": "sig", "n": b64url(pub.n), "e": b64url(pub.e)}
    private = dict(public, d=b64url(priv.d), p=b64url(priv.p), q=b64url(priv.q), dp=b64url(priv.dmp1),
                   dq=b64url(priv.dmq1), qi=b64url(priv.iqmp))
    return public, private


def certificate(subject, issuer_name, public_key, signing_key, ca=False):
    now = datetime.datetime.now(datetime.timezone.utc)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name).public_key(public_key)
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=7))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .sign(signing_key, hashes.SHA256()))


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def key_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def write(path, data, text=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(data if text else json.dumps(data, indent=2) + "\n")


def fapi2_browser_overrides(suite):
    """The FAPI 2.0 modules whose browser does something else than sign in: cancel, stop at the login page once, or
    photograph Gatehouse's error page (the kit's page ids: sign-in, cancel, error-description)."""
    signin = suite["browser"][0]                   # the kit's: authorize, login, consent, the suite's callback
    authorize, login = signin["match"], signin["tasks"][0]["match"]
    verify = signin["tasks"][-1]
    once = dict(copy.deepcopy(signin), **{"match-limit": 1})
    cancel = {"match": authorize, "tasks": [
        {"task": "Cancel the sign-in", "match": login, "commands": [["click", "id", "cancel"]]}, verify]}
    stop_at_login = {"match": authorize, "match-limit": 1, "tasks": [
        {"task": "Stop at the login page", "match": login, "commands": [["wait", "id", "sign-in", 10]]}]}
    error_page = {"match": authorize, "tasks": [
        {"task": "Expect Gatehouse's error page", "match": authorize,
         "commands": [["wait", "id", "error-description", 10, "request_uri", "update-image-placeholder"]]}]}
    m = "fapi2-security-profile-final-"
    return {
        m + "user-rejects-authentication": {"browser": [cancel]},
        m + "par-ensure-reused-request-uri-prior-to-auth-completion-succeeds": {"browser": [stop_at_login, signin]},
        m + "par-attempt-reuse-request_uri": {"browser": [once, error_page]},
        m + "par-attempt-to-use-expired-request_uri": {"browser": [error_page]},
        m + "par-attempt-to-use-request_uri-for-different-client": {"browser": [error_page]},
    }


def certificate_clients(suite, clients, settings):
    """Client 1 with a certificate of a test CA (X509Name), client 2 with a self-signed one (X509Thumbprint); mutual
    TLS on; tls/clients.p12 for Payara's listener to trust."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Gatehouse conformance CA")])
    ca = certificate(ca_name, ca_name, ca_key.public_key(), ca_key, ca=True)
    key1 = ec.generate_private_key(ec.SECP256R1())
    name1 = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Gatehouse conformance"),
                       x509.NameAttribute(NameOID.COMMON_NAME, IDS["client"])])
    cert1 = certificate(name1, ca_name, key1.public_key(), ca_key)
    key2 = ec.generate_private_key(ec.SECP256R1())
    name2 = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, IDS["client2"])])
    cert2 = certificate(name2, name2, key2.public_key(), key2)
    suite["client"] = {"client_id": IDS["client"]}
    suite["client2"] = {"client_id": IDS["client2"]}
    suite["mtls"] = {"cert": pem(cert1), "key": key_pem(key1), "ca": pem(ca)}
    suite["mtls2"] = {"cert": pem(cert2), "key": key_pem(key2)}
    clients[IDS["client"]]["ClientSecrets"] = [{"Type": "X509Name", "Value": "CN=gh-client-1, O=Gatehouse conformance"}]
    clients[IDS["client2"]]["ClientSecrets"] = [{"Type": "X509Thumbprint",
                                                 "Value": hashlib.sha1(cert2.public_bytes(serialization.Encoding.DER)).hexdigest().upper()}]
    settings["IdentityServer"]["MutualTls"] = {"Enabled": True}
    store = os.path.join(TLS, "clients.p12")
    if os.path.exists(store):
        os.remove(store)
    for alias, cert in (("ca", ca), ("self-signed", cert2)):
        path = os.path.join(TLS, alias + ".crt")
        write(path, pem(cert), text=True)
        subprocess.run(["keytool", "-importcert", "-noprompt", "-storetype", "PKCS12", "-keystore", store,
                        "-storepass", TRUST_PASSWORD, "-alias", alias, "-file", path], check=True,
                       stdout=subprocess.DEVNULL)


def fapi2_clients(suite, clients, settings, method):
    """The code flow clients as FAPI 2.0 clients: PS256 keys for private_key_jwt and DPoP, or (the -mtls methods) the
    certificates of certificate_clients, which also bind their tokens."""
    by_certificate = method.endswith("-mtls")
    if by_certificate:
        certificate_clients(suite, clients, settings)
    suite["override"] = fapi2_browser_overrides(suite)
    for name in CLIENTS:
        client = clients[IDS[name]]
        if by_certificate:
            # The suite wants a key of each client's even so; Gatehouse is not given it: it would be a second way
            # to authenticate, and a client with only certificates has its tokens bound by them instead of DPoP.
            suite[name].update({"scope": "openid profile offline_access",
                                "jwks": {"keys": [rsa_jwk(IDS[name] + "-key", "PS256")[1]]}})
        else:
            public, private = rsa_jwk(IDS[name] + "-key", "PS256")
            suite[name] = {"client_id": IDS[name], "scope": "openid profile offline_access", "jwks": {"keys": [private]}}
            client["ClientSecrets"] = [{"Type": "JWK", "Value": json.dumps(public)}]
        # The profile sets PAR, DPoP, 60 s codes, PS256/ES256 ID tokens; the kit's clients turn PKCE off.
        client["FapiProfile"] = "Fapi2MessageSigning" if method.startswith("fapi2-message-signing") else "Fapi2Security"
        client["RequirePkce"] = True
        # The expired-request_uri module waits out the lifetime (Duende's default is 10 minutes).
        client["PushedAuthorizationLifetime"] = 30
    # The suite's second client sends a redirect URI with a query (FAPI 2.0 plans, "client2").
    clients[IDS["client2"]]["RedirectUris"].append(clients[IDS["client2"]]["RedirectUris"][0] + "?dummy1=lorem&dummy2=ipsum")
    suite["resource"] = {"resourceUrl": suite["server"]["discoveryUrl"].replace(
        "/.well-known/openid-configuration", "/connect/userinfo")}
    settings["IdentityServer"]["KeyManagement"] = {"SigningAlgorithms": [{"Name": "PS256"}, {"Name": "ES256"}]}


def main(method, config_file):
    suite = json.load(open(KIT_CONFIG))
    settings = json.load(open(SETTINGS))
    clients = {c["ClientId"]: c for c in settings["IdentityServer"]["Clients"]}
    suite["description"] += ", " + method
    options = []
    if method == "private_key_jwt":
        for name in CLIENTS:
            public, private = rsa_jwk(IDS[name] + "-key")
            suite[name] = {"client_id": IDS[name], "jwks": {"keys": [private]}}
            clients[IDS[name]]["ClientSecrets"] = [{"Type": "JWK", "Value": json.dumps(public)}]
    elif method == "client_secret_jwt":
        for name in CLIENTS:
            secret = secrets.token_urlsafe(48)  # 64 characters: enough for HS512
            prop = "gatehouse.conformance." + IDS[name]
            suite[name] = {"client_id": IDS[name], "client_secret": secret, "client_secret_jwt_alg": "HS256"}
            clients[IDS[name]]["ClientSecrets"] = [{"Type": "SharedSecretReference", "Value": "${" + prop + "}"}]
            options.append("-D" + prop + "=" + secret)
    elif method == "mtls":
        certificate_clients(suite, clients, settings)
    elif method.startswith("fapi2-"):
        fapi2_clients(suite, clients, settings, method)
    else:
        sys.exit("unknown method " + method)
    write(os.path.join(WORK, "config", config_file), suite)
    write(SETTINGS, settings)
    for option in options:
        print(option)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
