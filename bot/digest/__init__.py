"""The daily e-mail digest: subscribers, what happened in a period, charts, the mail, sending.

`compose` gathers a period's stories and conflicts into dataclasses, `chart` draws one small
PNG per conflict, `mail` renders the Jinja2 templates into a MIME message, `send` delivers it
over SMTP once per subscriber per local day (`send_due_digests`, called by `factwatch run`).
"""
