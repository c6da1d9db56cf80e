"""Every user has a profile from the start, however the account is made: the manager (sign-up, seeds, tests),
a bare save (allauth's sign-up form, the admin), or `manage.py createsuperuser`. Saving again adds no second one."""

from django.core.management import call_command

from openhour.accounts.models import Profile, User


def test_a_user_made_by_the_manager_has_a_profile(db):
    user = User.objects.create_user(username="nia", email="nia@example.com", password="x" * 20, name="Nia")
    assert Profile.objects.filter(user=user).count() == 1


def test_a_user_saved_directly_has_one_profile_however_often_it_is_saved(db):
    user = User(username="ray", email="ray@example.com", name="Ray")
    user.save()
    user.name = "Ray Ortiz"
    user.save(update_fields=["name"])
    assert Profile.objects.filter(user=user).count() == 1


def test_createsuperuser_makes_the_profile_too(db):
    call_command("createsuperuser", interactive=False, username="root", email="root@example.com", name="Root")
    assert Profile.objects.filter(user__username="root").count() == 1
