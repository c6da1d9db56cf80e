"""Stage `people`: clients and freelancers as real users: verified e-mail, a profile (headline, bio, country,
rate) and skills. Profiles are written here because bulk writes skip User.save, which makes them one at a time."""

import random
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from bench.data import words
from bench.data.plan import Plan
from bench.data.writer import Table, next_id, sequences_reset
from openhour.accounts.models import Profile, User
from openhour.catalog.models import Skill

COUNTRIES = ["GB", "GB", "GB", "IE", "FR", "DE", "ES", "PL", "PT", "NL", "IN", "US"]
PASSWORD = "bench-password"  # noqa: S105 -- every generated person signs in with it


def load(plan: Plan, now: datetime) -> str:
    rng = random.Random(f"{plan.seed}:people")  # noqa: S311 -- test data, not secrets
    skills = list(Skill.objects.order_by("pk").values_list("pk", flat=True))
    first = next_id(User)
    hashed = make_password(PASSWORD)
    users, emails, profiles = Table(User, now), Table(EmailAddress, now), Table(Profile, now)
    profile_skills = Table(Profile.skills.through, now)
    email_id, link_id = next_id(EmailAddress), next_id(Profile.skills.through)
    for number in range(plan.clients + plan.freelancers):
        pk, freelancer = first + number, number >= plan.clients
        username = f"{'f' if freelancer else 'c'}{plan.seed}_{number}"
        joined = now - timedelta(days=rng.randint(30, 1500))
        users.add(
            id=pk,
            password=hashed,
            username=username,
            email=f"{username}@bench.example",
            name=words.person_name(rng, number),
            is_client=not freelancer,
            is_freelancer=freelancer,
            is_active=True,
            date_joined=joined,
        )
        emails.add(id=email_id + number, user_id=pk, email=f"{username}@bench.example", primary=True, verified=True)
        profiles.add(
            user_id=pk,
            headline=words.title(rng) if freelancer else "",
            bio=words.paragraph(rng, 15, 40) if freelancer else "",
            country=rng.choice(COUNTRIES),
            languages=["en"],
            hourly_rate=rng.randint(15, 120) * 100 if freelancer else None,
            company_name="" if freelancer else f"{words.RARE[number % len(words.RARE)].title()} Ltd",
        )
        for skill in rng.sample(skills, rng.randint(2, 5)) if freelancer else ():
            profile_skills.add(id=link_id, profile_id=pk, skill_id=skill)
            link_id += 1
    for table in (users, emails, profiles, profile_skills):
        table.flush()
    sequences_reset(User, EmailAddress, Profile.skills.through)
    return f"{plan.clients} clients, {plan.freelancers} freelancers"
