"""Blocks and reports over HTTP: block or unblock a person, list whom I blocked, report a person or a message."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import Input, Page
from openhour.messaging.models import Block, Report
from openhour.messaging.safety import selectors, services

router = Router(tags=["messages"])


class BlockIn(Input):
    username: str = Field(min_length=1, max_length=150)


class ReportIn(Input):
    username: str = Field(min_length=1, max_length=150)
    message: str | None = Field(None, description="The id of one of their messages to you, if it is about one")
    reason: Report.Reason
    text: str = Field("", max_length=services.TEXT_MAX)


class BlockOut(Schema):
    """A person you blocked."""

    username: str
    name: str
    created_at: datetime = Field(description="When you blocked them")


class PersonReportOut(Schema):
    id: str
    username: str = Field(description="The person reported")
    message: str | None = Field(description="The id of the message reported, if it is about one")
    reason: str
    text: str
    status: str = Field(description="Where the operators are with it: " + ", ".join(Report.Status.values))
    created_at: datetime


def block_out(block: Block) -> dict[str, Any]:
    return {"username": block.blocked.username, "name": block.blocked.name, "created_at": block.created_at}


def report_out(report: Report) -> dict[str, Any]:
    return {
        "id": str(report.pk),
        "username": report.person.username,
        "message": str(report.message_id) if report.message_id else None,
        "reason": report.reason,
        "text": report.text,
        "status": report.status,
        "created_at": report.created_at,
    }


@router.post("/blocks", response={201: BlockOut})
def block_add(request: HttpRequest, payload: BlockIn) -> Status:
    """Block a person: they can no longer message you (and are not told)."""
    return Status(201, block_out(services.block_add(by=current_user(request), username=payload.username)))


@router.delete("/blocks/{username}", response={204: None})
def block_remove(request: HttpRequest, username: str) -> Status:
    services.block_remove(by=current_user(request), username=username)
    return Status(204, None)


@router.get("/blocks", response=Page[BlockOut])
def block_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The people you blocked, latest first."""
    rows = selectors.blocks_of(user=current_user(request))
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=block_out)


@router.post("/reports", response={201: PersonReportOut})
def report_create(request: HttpRequest, payload: ReportIn) -> Status:
    """Report a person, or one of their messages to you, to the operators with a reason."""
    report = services.report_create(
        by=current_user(request),
        username=payload.username,
        message_id=payload.message,
        reason=payload.reason,
        text=payload.text,
    )
    return Status(201, report_out(report))
