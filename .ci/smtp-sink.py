"""A real SMTP server (aiosmtpd) that keeps what it receives, for the mail tests and benchmarks.

    python3 .ci/smtp-sink.py HOST PORT DIR

Each message it accepts is written to DIR as NNNNNN.eml (written aside and renamed, so a reader
never sees half a message) with its envelope in X-Sink-Rcpt-To. Recipients whose local part starts
with `bounce` are refused for good (550) and those starting with `later` for now (451), so both
kinds of failure can be tested against a real SMTP conversation.
"""

import asyncio
import itertools
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self.numbers = itertools.count(len(os.listdir(directory)) + 1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("bounce"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if local.startswith("later"):
            return "451 4.3.0 <%s>: Temporarily unavailable, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(self.numbers)
        final = os.path.join(self.directory, "%06d.eml" % n)
        aside = final + ".part"
        with open(aside, "wb") as f:
            f.write(b"X-Sink-Rcpt-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(aside, final)
        return "250 Message accepted for delivery"


def main():
    host, port, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    controller = Controller(Keep(directory), hostname=host, port=port, data_size_limit=40 * 1024 * 1024)
    controller.start()
    print("smtp sink listening on %s:%d" % (host, port), flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for s in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(s, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
