import SondeTestSupport

/// An HTTP/1.1 server on 127.0.0.1 that does NTLM's handshake on one kept-alive connection:
/// 401 `WWW-Authenticate: NTLM` to a request without it, a type-2 challenge to a type-1
/// message, and 200 to a type-3 message on the connection that was challenged, with what the
/// type-3's security buffers hold: `{"type1": "TlRMTVNTUAAB", "type3": "TlRMTVNTUAAD", "user":
/// "ada", "domain": "CORP", "ntResponseBytes": 24, "seen": [...]}` (`seen`: the first 17
/// characters of every Authorization header received). The NT response is not checked.
final class NTLMTestServer: @unchecked Sendable {
    private let server: PythonTestServer
    var url: String { "http://127.0.0.1:\(server.port)/" }

    init() throws {
        server = try PythonTestServer(script: Self.script)
    }

    func stop() { server.stop() }

    private static let script = """
        import base64, http.server, json, struct

        def field(message, offset):
            length, _, start = struct.unpack_from("<HHI", message, offset)
            return message[start:start + length]

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def reply(self, status, headers, body=b""):
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                authorization = self.headers.get("Authorization", "")
                self.server.seen.append(authorization[:17])
                if not authorization.startswith("NTLM "):
                    return self.reply(401, [("WWW-Authenticate", "NTLM")])
                token = authorization[5:]
                message = base64.b64decode(token)
                if message[:8] != b"NTLMSSP\\0":
                    return self.reply(400, [], b"not an NTLMSSP message")
                kind = struct.unpack_from("<I", message, 8)[0]
                if kind == 1:
                    # One handler per connection: type 3 must come on this one.
                    self.type1 = token
                    target = "CORP".encode("utf-16-le")
                    # Unicode, request target, NTLM, target type domain.
                    flags = 0x00000001 | 0x00000004 | 0x00000200 | 0x00010000
                    challenge = (b"NTLMSSP\\0" + struct.pack("<I", 2) + struct.pack("<HHI", len(target), len(target), 48)
                        + struct.pack("<I", flags) + bytes.fromhex("0123456789abcdef") + bytes(8)
                        + struct.pack("<HHI", 0, 0, 48 + len(target)) + target)
                    return self.reply(401, [("WWW-Authenticate", "NTLM " + base64.b64encode(challenge).decode())])
                if kind == 3 and hasattr(self, "type1"):
                    encoding = "utf-16-le" if struct.unpack_from("<I", message, 60)[0] & 1 else "latin-1"
                    body = json.dumps({
                        "type1": self.type1[:12], "type3": token[:12],
                        "user": field(message, 36).decode(encoding), "domain": field(message, 28).decode(encoding),
                        "ntResponseBytes": len(field(message, 20)), "seen": self.server.seen,
                    }).encode()
                    return self.reply(200, [("Content-Type", "application/json")], body)
                return self.reply(400, [], b"unexpected NTLM message type %d" % kind)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.seen = []
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
}
