"""A center device in its own process, pushing the same events as its siblings at once.

``python push_worker.py BASE_URL TOKEN EVENTS_FILE GO_FILE SEED``: prints ``ready``, waits
for GO_FILE, sends every event alone in a shuffled order, then all of them in one batch,
and prints every per-event result as one JSON line.
"""

from __future__ import annotations

import json
import random
import sys
import time
import uuid
from pathlib import Path

import requests


def main() -> None:
    base, token, events_file, go_file, seed = sys.argv[1:6]
    events = json.loads(Path(events_file).read_text(encoding="utf-8"))
    session = requests.Session()
    headers = {"Authorization": f"Bearer {token}"}

    def push(batch: list[dict[str, object]]) -> None:
        body = {"protocol": 1, "batch_id": str(uuid.uuid4()), "events": batch}
        r = session.post(f"{base}/events:batch", json=body, headers=headers, timeout=60)
        r.raise_for_status()
        for result in r.json()["results"]:
            sys.stdout.write(json.dumps(result) + "\n")

    order = list(events)
    random.Random(int(seed)).shuffle(order)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while not Path(go_file).exists():
        time.sleep(0.002)
    for event in order:
        push([event])
    push(events)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
