"""A release download site on 127.0.0.1, laid out as GitHub's, for the install script's tests.

    python3 release_server.py ROOT LATEST

Serves the files under ROOT (ROOT/releases/download/vV/...), answers /releases/latest with a
redirect to /releases/tag/vLATEST as GitHub does, and /releases/tag/vV with a page. Binds port 0 and
prints the port it got as its first line; stops when its standard input closes (the test ends).
"""
import http.server
import sys
import threading


def main() -> None:
    root, latest = sys.argv[1], sys.argv[2]

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root, **kwargs)

        def do_GET(self):  # noqa: N802 (http.server's name)
            if self.path.rstrip("/") == "/releases/latest":
                self.send_response(302)
                self.send_header("Location", f"/releases/tag/v{latest}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path.startswith("/releases/tag/v"):
                body = f"release {self.path.rsplit('/', 1)[-1]}\n".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                super().do_GET()

        def log_message(self, *args):  # quiet: the test reads only the port line
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the test closes it or dies
    server.shutdown()


if __name__ == "__main__":
    main()
