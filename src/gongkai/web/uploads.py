"""One cap on the size of every request that uploads files, checked before Django reads the body.

Django limits the form fields of a request (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but not its files:
without this, any upload of any size is streamed to a temporary file before a form can say it is
too large. Over `MAX_UPLOAD_REQUEST_BYTES` the request is refused as Django refuses oversized
form data (`RequestDataTooBig`, a 400 with the Chinese page ``400.html``) and its body is never
read. Each form still checks its own, smaller limit with a message next to the field.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler

#: The largest attachment anywhere (the catalogue's 50 MB) and the form fields around it.
MAX_UPLOAD_REQUEST_BYTES = 52 * 1024 * 1024


class RequestSizeLimit(FileUploadHandler):
    """First of ``FILE_UPLOAD_HANDLERS``: refuses an upload request larger than the cap."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > MAX_UPLOAD_REQUEST_BYTES:
            raise RequestDataTooBig(f"upload of {content_length} bytes exceeds {MAX_UPLOAD_REQUEST_BYTES}")
        return None

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # handed on to the next handler unchanged

    def file_complete(self, file_size):
        return None
