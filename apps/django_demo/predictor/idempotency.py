"""Idempotency-Key: a stored prediction that a client can safely send again.

A POST that stores a row is not safe to repeat: when nginx answers 502 or 504, or the connection drops,
the client cannot tell whether the prediction was stored, and sending it again may store it twice. With
an ``Idempotency-Key`` header (the IETF draft "The Idempotency-Key HTTP Header Field",
draft-ietf-httpapi-idempotency-key-header, sections 2 to 2.7) the client names the request once:

- the first request with a key is served as usual, and its answer is kept with the key, in the same
  transaction as its rows, so either both are stored or neither is;
- a repeat with the same key and the same request (method, path and body: the draft's "fingerprint")
  gets the first answer again, and stores nothing; one that arrives while the first is still being
  served waits for the database's lock, then gets that answer too;
- the same key with another request is refused with 422 ``idempotency_key_reused``, as the draft says.

Keys are kept as long as the history (the policy the draft asks a server to publish). A request without
the header is served as before.
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from rest_framework.response import Response

from api_contract.idempotency import HEADER, idempotency_key
from predictor.errors import json_error
from predictor.models import IdempotentRequest


def answered_once(request, answer):
    """The response to ``request``: ``answer()`` (which predicts and stores), once per Idempotency-Key."""
    key = idempotency_key(request.headers.get(HEADER))  # a malformed key is a 400, as on every app
    if key is None:
        return Response(answer())
    fingerprint = hashlib.sha256(b"%s %s\n%s" % (request.method.encode(), request.path.encode(),
                                                  request.body)).hexdigest()
    try:
        with transaction.atomic():
            first = IdempotentRequest.objects.filter(key=key).first()
            if first is None:
                body = answer()
                IdempotentRequest.objects.create(key=key, fingerprint=fingerprint, answer=json.dumps(body))
                return Response(body)
    except IntegrityError:  # a request with the same key was stored meanwhile: this one stored nothing
        first = IdempotentRequest.objects.get(key=key)
    if first.fingerprint != fingerprint:
        return json_error("idempotency_key_reused")
    return Response(json.loads(first.answer))

