from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Installed instead of ``django.contrib.admin``: ``admin.site`` is the portal's site."""

    default_site = "leercultuur.admin_site.PortalAdminSite"
