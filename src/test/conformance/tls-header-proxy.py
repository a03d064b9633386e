#!/usr/bin/python3
"""A TLS-terminating proxy in front of the conformance suite, for Gatehouse's back-channel logout requests.

The hosted suite runs behind nginx/Apache (the suite's chart/templates/ingress.yaml), which adds X-Ssl-Protocol
and X-Ssl-Cipher to every request; the back-channel module checks them (EnsureIncomingTls12WithSecureCipherOrTls13,
EnsureIncomingTls13: BCP 195 / RFC 9325, warnings). The kit has no proxy, so the module warned "TLS protocol not
found; this header should have been set by the nginx proxy" whatever Gatehouse did. This proxy adds the same two
headers, from its own TLS handshake with Gatehouse, and forwards the request to the suite unchanged otherwise.

usage: tls-header-proxy.py PORT UPSTREAM_URL CERT KEY      (listens on 127.0.0.1 only; logout-plans.sh starts it)
"""
import http.client, http.server, ssl, sys, urllib.parse

HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "host",
       "content-length", "x-ssl-protocol", "x-ssl-cipher", "x-ssl-cert"}


def main(port, upstream, cert, key):
    target = urllib.parse.urlsplit(upstream)
    client_tls = ssl.create_default_context(cafile=cert)   # the suite's own self-signed certificate

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            headers["X-Ssl-Protocol"] = self.connection.version() or ""
            headers["X-Ssl-Cipher"] = (self.connection.cipher() or ("",))[0]
            upstream_conn = http.client.HTTPSConnection(target.hostname, target.port, context=client_tls, timeout=30)
            try:
                upstream_conn.request(self.command, self.path, body=body, headers=headers)
                answer = upstream_conn.getresponse()
                data = answer.read()
                self.send_response(answer.status, answer.reason)
                for k, v in answer.getheaders():
                    if k.lower() not in HOP:
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            finally:
                upstream_conn.close()
            self.log_message("%s %s -> %s (%s, %s)", self.command, self.path, answer.status,
                             headers["X-Ssl-Protocol"], headers["X-Ssl-Cipher"])

        do_GET = do_POST = do_PUT = do_DELETE = forward

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    server.socket = server_tls.wrap_socket(server.socket, server_side=True)
    print(f"tls-header-proxy: https://127.0.0.1:{port} -> {upstream}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4])
