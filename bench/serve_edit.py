#!/usr/bin/env python3
"""Save-to-reload time of `peixun serve` on a generated site.

usage: bench/serve_edit.py PEIXUN_BINARY SITE_ROOT [ROUNDS]

Starts serve on a free port, then ROUNDS times edits one project's title and
measures, from the moment the file is written, (a) when the reload event
reaches a listening client (what an open browser tab reacts to) and (b) when
the served page shows the new title. Prints the server's own rebuild lines.
"""
import os, re, socket, subprocess, sys, threading, time, urllib.request

binary, root = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
proc = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"], stderr=subprocess.PIPE, text=True)
log, addr = [], None
start = time.time()
for line in proc.stderr:
    log.append(line.rstrip())
    m = re.search(r"http://([0-9.:]+)/", line)
    if m:
        addr = m.group(1)
        break
print(f"startup (build + index): {time.time() - start:.2f} s")
threading.Thread(target=lambda: [log.append(l.rstrip()) for l in proc.stderr], daemon=True).start()

host, port = addr.split(":")
events = socket.create_connection((host, int(port)))
events.sendall(b"GET /__peixun/events HTTP/1.1\r\nHost: x\r\n\r\n")
events.settimeout(30)
buf = b""
def wait_event(name):
    global buf
    while f"event: {name}".encode() not in buf:
        buf += events.recv(65536)
    buf = buf.split(f"event: {name}".encode(), 1)[1]
wait_event("version")

projects = sorted(f for f in os.listdir(os.path.join(root, "content", "gen-00000")) if f.startswith("p"))
target = os.path.join(root, "content", "gen-00000", projects[0])
slug = projects[0][:-3]
original = open(target, encoding="utf-8").read()
try:
    for i in range(rounds):
        marker = f"（第{i}次修改）"
        text = re.sub(r'^title = "(.*)"$', lambda m: f'title = "{m.group(1)}{marker}"', original, count=1, flags=re.M)
        t0 = time.time()
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        wait_event("reload")
        t_event = time.time() - t0
        while marker not in urllib.request.urlopen(f"http://{addr}/projects/{slug}/").read().decode():
            time.sleep(0.002)
        t_page = time.time() - t0
        print(f"round {i}: reload event after {t_event*1000:.0f} ms, page updated after {t_page*1000:.0f} ms")
        time.sleep(1.5)
finally:
    with open(target, "w", encoding="utf-8") as f:
        f.write(original)
    time.sleep(1)
    proc.terminate()
    proc.wait()
print("\n".join(l for l in log if "rebuilt" in l or "index" in l or " ms " in l or l.startswith("  "))[-4000:])
