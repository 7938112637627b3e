#!/usr/bin/env python3
"""The other end of scripts/captures/make.sh: an HTTP server with bodies of fixed sizes,
and a one-name DNS server, so the example captures hold real traffic we can predict.

  server.py http ADDR PORT     GET /bytes/N answers N bytes of text, then closes
  server.py dns ADDR           answers every A query with 10.200.0.2
  server.py ask SERVER NAME    sends one A query for NAME and prints the answer
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


if __name__ == '__main__':
    {'http': http, 'dns': dns, 'ask': ask}[sys.argv[1]](*sys.argv[2:])
