"""Work done by the background worker (`manage.py db_worker`), not in a request."""

from django_tasks import task

from reports import services


@task()
def make_review_pdf(pdf_id: int) -> None:
    """Lay out a review's PDF: half a minute for the longest reviews."""
    services.review_pdf_make(pdf_id)
