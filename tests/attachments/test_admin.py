"""Admin for attachment access: grants inline on an attachment, per-user policies, and deletion
(admin or a deleted user) taking the stored bytes along."""
from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.test import Client

from attachments.models import Attachment, AttachmentGrant, AttachmentPolicy
from attachments.selectors import attachment_for_user, attachment_policy_for
from tests.factories import UserFactory

from . import samples
from .factories import uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db: Any) -> Any:
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def admin_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_lets_moderators_grant_read_access_recording_who_granted(alice, bob, moderator, local_storage):
    cat = uploaded(alice, "cat.png", samples.png(), "image/png")
    url = f"/admin/attachments/attachment/{quote(cat.pk)}/change/"
    page = admin_client(moderator).get(url)
    assert page.status_code == 200 and "read access for other users" in page.content.decode().lower()
    form = {
        "data": "{}", "grants-TOTAL_FORMS": "1", "grants-INITIAL_FORMS": "0", "grants-MIN_NUM_FORMS": "0",
        "grants-MAX_NUM_FORMS": "1000", "grants-0-user": str(bob.pk), "grants-0-attachment": cat.pk,
    }
    response = admin_client(moderator).post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    grant = AttachmentGrant.objects.get(attachment=cat)
    assert grant.user == bob and grant.granted_by == moderator
    assert attachment_for_user(user=bob, attachment_id=cat.pk) == cat


def test_it_lets_moderators_revoke_a_grant_and_the_grantee_loses_access(alice, bob, moderator, local_storage):
    from django.contrib.admin.models import LogEntry

    cat = uploaded(alice, "cat.png", samples.png(), "image/png")
    grant = AttachmentGrant.objects.create(attachment=cat, user=bob, granted_by=alice)
    links = f"/api/attachments/{cat.pk}/links"
    assert admin_client(bob).get(links).status_code == 200
    url = f"/admin/attachments/attachment/{quote(cat.pk)}/change/"
    form = {
        "data": "{}", "grants-TOTAL_FORMS": "1", "grants-INITIAL_FORMS": "1", "grants-MIN_NUM_FORMS": "0",
        "grants-MAX_NUM_FORMS": "1000", "grants-0-id": str(grant.pk), "grants-0-user": str(bob.pk),
        "grants-0-attachment": cat.pk, "grants-0-DELETE": "on",
    }
    response = admin_client(moderator).post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not AttachmentGrant.objects.filter(attachment=cat).exists()
    answer = admin_client(bob).get(links)
    assert answer.status_code == 404 and answer.json() == {"error": "Attachment not found."}
    assert admin_client(alice).get(links).status_code == 200  # the owner keeps it
    entry = LogEntry.objects.get(user=moderator, object_id=cat.pk)
    assert "Deleted" in entry.get_change_message()


def test_it_lets_moderators_set_a_users_policy(alice, moderator, settings, local_storage):
    uploaded(alice, "notes.txt", b"hello", "text/plain")
    response = admin_client(moderator).post(
        "/admin/attachments/attachmentpolicy/add/",
        {"user": str(alice.pk), "uploads_allowed": "", "max_file_size": "2048", "quota_bytes": "", "allowed_types": '["text/plain"]'},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    policy = attachment_policy_for(user=alice)
    limits = policy.limits
    assert policy.used_bytes == 5 and policy.remaining_bytes == settings.ATTACHMENTS_QUOTA_BYTES - 5
    assert not limits.uploads_allowed and limits.max_file_size == 2048
    assert limits.quota_bytes == settings.ATTACHMENTS_QUOTA_BYTES and limits.allowed_types == {"text/plain"}
    assert AttachmentPolicy.objects.filter(user=alice).count() == 1


def test_it_shows_each_users_current_usage_next_to_their_policy(alice, moderator, local_storage):
    uploaded(alice, "a.txt", b"x" * 3000, "text/plain")
    uploaded(alice, "b.txt", b"y" * 2000, "text/plain")
    AttachmentPolicy.objects.create(user=alice, max_file_size=1_000_000)
    page = admin_client(moderator).get("/admin/attachments/attachmentpolicy/")
    assert page.status_code == 200
    assert "Current usage" in page.content.decode() and "4.9\xa0KB" in page.content.decode()


def test_it_deletes_the_bytes_when_the_owner_is_deleted(alice, local_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cat = uploaded(alice, "cat.png", samples.png(), "image/png")
    assert len(local_storage.names()) == 2  # the file and its thumbnail
    with django_capture_on_commit_callbacks(execute=True):
        alice.delete()
    assert not Attachment.objects.filter(pk=cat.pk).exists() and local_storage.names() == set()


def policy_form(user: Any, **values: str) -> dict[str, str]:
    return {"user": str(user.pk), "uploads_allowed": "on", "max_file_size": "", "quota_bytes": "", "allowed_types": "[]", **values}


def test_moderators_cannot_lift_a_policy_past_the_site_ceilings(alice, moderator, settings):
    settings.ATTACHMENTS_MAX_FILE_SIZE_CEILING = 50 * 1024 * 1024
    settings.ATTACHMENTS_QUOTA_CEILING = 1024**3
    tera, peta = str(1024**4), str(1024**5)
    for own in (alice, moderator):  # anyone, themselves included
        response = admin_client(moderator).post(
            "/admin/attachments/attachmentpolicy/add/", policy_form(own, max_file_size=tera, quota_bytes=peta)
        )
        assert response.status_code == 200  # the form again, saying why
        page = response.content.decode()
        assert "ATTACHMENTS_MAX_FILE_SIZE_CEILING" in page and "ATTACHMENTS_QUOTA_CEILING" in page
        assert "only a superuser can set more" in page and "50.0\xa0MB" in page
    assert not AttachmentPolicy.objects.exists()
    within = policy_form(alice, max_file_size=str(50 * 1024 * 1024), quota_bytes=str(1024**3))
    assert admin_client(moderator).post("/admin/attachments/attachmentpolicy/add/", within).status_code == 302


def test_a_superuser_may_set_more_and_a_moderator_may_leave_it_so(alice, moderator, settings):
    settings.ATTACHMENTS_MAX_FILE_SIZE_CEILING = 50 * 1024 * 1024
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    big = str(1024**4)
    assert admin_client(root).post("/admin/attachments/attachmentpolicy/add/", policy_form(alice, max_file_size=big)).status_code == 302
    policy = AttachmentPolicy.objects.get(user=alice)
    assert policy.max_file_size == 1024**4
    url = f"/admin/attachments/attachmentpolicy/{policy.pk}/change/"
    keep = policy_form(alice, max_file_size=big, allowed_types='["text/plain"]')
    assert admin_client(moderator).post(url, keep).status_code == 302  # another field changed only
    raise_it = policy_form(alice, max_file_size=str(2 * 1024**4))
    assert admin_client(moderator).post(url, raise_it).status_code == 200
    assert AttachmentPolicy.objects.get(user=alice).max_file_size == 1024**4


def test_moderators_pick_the_user_of_a_grant_or_policy_by_search_but_stay_out_of_the_user_admin(alice, bob, moderator):
    client = admin_client(moderator)
    page = client.get("/admin/attachments/attachmentpolicy/add/").content.decode()
    assert "admin-autocomplete" in page and 'data-field-name="user"' in page
    for source in ("attachmentpolicy", "attachmentgrant"):
        found = client.get("/admin/autocomplete/", {"app_label": "attachments", "model_name": source,
                                                    "field_name": "user", "term": "ali"})
        assert found.status_code == 200, source
        assert [row["text"] for row in found.json()["results"]] == ["alice"], source
    # The opening is the pickers' search, nothing more.
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(f"/admin/auth/user/{alice.pk}/change/").status_code == 403
    other_field = client.get("/admin/autocomplete/", {"app_label": "attachments", "model_name": "attachmentgrant",
                                                      "field_name": "granted_by", "term": "ali"})
    assert other_field.status_code == 403
    staff = UserFactory(username="plainstaff", is_staff=True)  # staff without attachment access: no search
    refused = admin_client(staff).get("/admin/autocomplete/", {"app_label": "attachments", "model_name": "attachmentpolicy",
                                                               "field_name": "user", "term": "ali"})
    assert refused.status_code == 403
