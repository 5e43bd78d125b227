"""Puts N real-shaped mails into an IMAP mailbox for the incoming-mail benchmark.

    python3 .ci/imap-load.py HOST PORT CA_FILE USER N

Cycles through the Finnish (Outlook), Swedish (Gmail) and English (Apple Mail) new-request mails
of the test corpus, each with its own Message-ID and sender, so each becomes a request of its own.
Counts the folders afterwards with `python3 .ci/imap-load.py HOST PORT CA_FILE USER count FOLDER`.
"""

import imaplib
import os
import re
import ssl
import sys

CORPUS = os.path.join(os.path.dirname(__file__), "..", "app", "tests", "mail")
SHAPES = ["01-outlook-fi-new.eml", "02-gmail-sv-new.eml", "03-apple-en-new.eml"]


def connect(host, port, ca, user):
    context = ssl.create_default_context(cafile=ca)
    imap = imaplib.IMAP4_SSL(host, int(port), ssl_context=context)
    imap.login(user, "secret")
    return imap


def main():
    host, port, ca, user, what = sys.argv[1:6]
    imap = connect(host, port, ca, user)
    if what == "count":
        status, data = imap.select(sys.argv[6], readonly=True)
        print(int(data[0]) if status == "OK" else 0)
        return
    shapes = [open(os.path.join(CORPUS, name), "rb").read() for name in SHAPES]
    for n in range(int(what)):
        raw = shapes[n % len(shapes)]
        raw = re.sub(rb"(?im)^Message-I[dD]: <[^>]*>", b"Message-ID: <bench-%d@mail.example>" % n, raw, count=1)
        raw = re.sub(rb"(?im)^(From: .*<)[^@>]*@", rb"\g<1>asiakas%d@" % n, raw, count=1)
        imap.append("INBOX", None, None, raw)
    imap.logout()


if __name__ == "__main__":
    main()
