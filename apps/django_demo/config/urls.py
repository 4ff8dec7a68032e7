"""The project's URLs: the predictor app (form, history, JSON API) and the admin.

The ``handler*`` views answer in JSON under /api/ and with Django's pages elsewhere, so an API
client never receives HTML, even for errors raised outside the API views.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("predictor.urls")),
]

handler400 = "predictor.errors.bad_request"
handler403 = "predictor.errors.permission_denied"
handler404 = "predictor.errors.page_not_found"
handler500 = "predictor.errors.server_error"
