from celery import shared_task

from accounts.services import privacy_purge


@shared_task
def purge_personal_data() -> dict[str, int]:
    """Daily (beat): erase and delete what is past the privacy retention period."""
    return privacy_purge()
