"""Every file the app hands out leaves through `file_response`: one way to name it, to type it
and to say whether the browser shows it (a PDF) or saves it (a workbook, a table)."""

import io

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"


def file_response(
    content: bytes | memoryview | str, filename: str, content_type: str, *, inline: bool = False
) -> FileResponse:
    """The content as a download named `filename` (shown in the browser when `inline`)."""
    if isinstance(content, str):
        content = content.encode()
    return FileResponse(
        io.BytesIO(bytes(content)),
        as_attachment=not inline,
        filename=filename,
        content_type=content_type,
    )
