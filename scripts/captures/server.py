#!/usr/bin/env python3
"""The other end of scripts/captures/make.sh: an HTTP server with bodies of fixed sizes,
and a one-name DNS server, so the example captures hold real traffic we can predict.

  server.py http ADDR PORT     GET /bytes/N answers N bytes of text, then closes
  server.py dns ADDR           answers every A query with 10.200.0.2
  server.py ask SERVER NAME    sends one A query for NAME and prints the answer
  server.py sim-http ADDR PORT N    one response at a time, as tcp-tutor's serve-http
                                    writes it: head and N-byte body in one write; closes
                                    once it reads the client's FIN
  server.py sim-get SERVER PORT N   as tcp-tutor's http-get: the same request bytes, read
                                    until the body is complete, then close

The sim-* pair sends exactly as many bytes as the simulator's HTTP apps (source/wire/http.ts
getRequest and okResponse), so a real capture and a simulated one can be compared segment by
segment (test/tshark/linux-profile.test.ts).
"""
import socket
import struct
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.0'

    def do_GET(self):
        parts = self.path.strip('/').split('/')
        size = int(parts[1]) if len(parts) == 2 and parts[0] == 'bytes' and parts[1].isdigit() else 0
        body = bytes((0x61 + i % 26) for i in range(size))
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def http(addr, port):
    ThreadingHTTPServer((addr, int(port)), Handler).serve_forever()


def name_bytes(name):
    return b''.join(bytes([len(p)]) + p.encode() for p in name.split('.')) + b'\0'


def dns(addr):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, 53))
    while True:
        query, peer = s.recvfrom(512)
        qid, = struct.unpack('!H', query[:2])
        question = query[12:]
        end = question.index(b'\0') + 5
        # RFC 1035 §4.1.1: QR, RD copied, RA; one question, one answer pointing at it.
        header = struct.pack('!HHHHHH', qid, 0x8180, 1, 1, 0, 0)
        answer = struct.pack('!HHHLH', 0xc00c, 1, 1, 300, 4) + socket.inet_aton('10.200.0.2')
        s.sendto(header + question[:end] + answer, peer)


def ask(server, name):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    query = struct.pack('!HHHHHH', 0x4a2f, 0x0100, 1, 0, 0, 0) + name_bytes(name) + struct.pack('!HH', 1, 1)
    s.sendto(query, (server, 53))
    reply, _ = s.recvfrom(512)
    print(socket.inet_ntoa(reply[-4:]))


def sim_request(server, n):
    return (f'GET /bytes/{n} HTTP/1.1\r\nHost: {server}\r\nUser-Agent: tcp-tutor\r\n'
            'Accept: */*\r\nConnection: keep-alive\r\n\r\n').encode()


def sim_http(addr, port, n):
    n = int(n)
    head = f'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {n}\r\n\r\n'.encode()
    body = bytes((0x61 + i % 26) for i in range(n))
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((addr, int(port)))
    listener.listen()
    while True:
        conn, _ = listener.accept()
        request = b''
        while b'\r\n\r\n' not in request:
            chunk = conn.recv(4096)
            if not chunk:
                break
            request += chunk
        conn.sendall(head + body)
        # As serve-http's onPeerClosed: close once the client's FIN is read.
        while conn.recv(4096):
            pass
        conn.close()


def sim_get(server, port, n):
    s = socket.create_connection((server, int(port)))
    s.sendall(sim_request(server, n))
    response = b''
    while b'\r\n\r\n' not in response or len(response) - response.index(b'\r\n\r\n') - 4 < int(n):
        chunk = s.recv(65536)
        if not chunk:
            break
        response += chunk
    s.close()


if __name__ == '__main__':
    {'http': http, 'dns': dns, 'ask': ask, 'sim-http': sim_http, 'sim-get': sim_get}[sys.argv[1]](*sys.argv[2:])
