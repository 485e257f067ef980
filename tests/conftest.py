import pytest
from django.contrib.auth.models import Group

from meetings.roles import SECRETARIAT

PASSWORD = "a-test-password-1"


@pytest.fixture(autouse=True)
def empty_cache():
    """Pages cache what is costly to compute; each test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs a third of a second per user; tests need no protection from themselves."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def secretary(db, django_user_model):
    """A member of the secretariat: staff, with the Secretariat group's permissions only."""
    user = django_user_model.objects.create_user("secretary", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


@pytest.fixture
def delegate(db, django_user_model):
    """A delegate: signed in, reads the record, has no admin access."""
    return django_user_model.objects.create_user("delegate", password=PASSWORD)


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client
