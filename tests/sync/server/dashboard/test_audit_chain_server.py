"""Each device's audit chain as the server verifies it on arrival, through the push API.

Links are built with the protocol's own hash (`audit_link_hash`), as the laptop builds them.
A sound chain advances `audit_seq`; an edited record, a wrong link or a missing record is
shown on the devices page (where, and since when) and never keeps the entries out.
"""

from __future__ import annotations

from typing import Any

from dashboard_site import add_staff, logged_in_client
from server_api import person_item, post_gzip, push_body
from server_process import EnrolledDevice, ServerProcess, enroll_on

from sync.protocol import audit_link_hash

PUSH = "/api/v1/sync/push"


def chain(
    count: int, *, start: int = 1, prev: str = "", device: str = "laptop"
) -> list[dict[str, Any]]:
    links = []
    for seq in range(start, start + count):
        fields = {
            "seq": seq,
            "at": f"2026-03-01T08:00:{seq % 60:02d}.000000+00:00",
            "kind": "create",
            "entity_type": "person",
            "entity_id": f"p{seq}",
            "device_id": device,
            "detail": "",
            "prev_hash": prev,
        }
        prev = audit_link_hash(**fields)
        links.append({**fields, "hash": prev})
    return links


def send(dev: EnrolledDevice, links: list[dict[str, Any]]) -> dict[str, Any]:
    answer = post_gzip(dev, PUSH, {**push_body(dev, [person_item()]), "audit": links})
    assert answer.status_code == 200, answer.text
    body = dict(answer.json())
    assert [r["status"] for r in body["results"]] == ["accepted"], "a break never blocks entries"
    return body


def devices_page(server: ServerProcess) -> str:
    with logged_in_client(server, add_staff(server)) as client:
        return client.get("/dashboard/perangkat").text


def row_of(page: str, dev: EnrolledDevice) -> str:
    start = page.index(f'data-device="{dev.device_id}"')
    return page[start : page.index("</tr>", start)]


def test_a_sound_chain_is_held_in_order_and_resends_are_harmless(server: ServerProcess) -> None:
    dev = enroll_on(server)
    links = chain(5)
    assert send(dev, links[:3])["audit_seq"] == 3
    # The answer was lost: the laptop sends from the start again, then the rest.
    assert send(dev, links)["audit_seq"] == 5
    assert send(dev, [])["audit_seq"] == 5
    assert "Utuh sampai catatan #5" in row_of(devices_page(server), dev)


def test_an_edited_record_is_shown_as_a_break_where_it_is(server: ServerProcess) -> None:
    dev = enroll_on(server)
    links = chain(4)
    links[2] = {**links[2], "kind": "void"}  # edited afterwards: its hash no longer holds
    assert send(dev, links)["audit_seq"] == 4
    row = row_of(devices_page(server), dev)
    assert "Rantai putus di catatan #3 (isi catatan diubah)" in row and "diketahui sejak" in row


def test_a_record_rewritten_with_a_fresh_hash_breaks_the_link_after_it(
    server: ServerProcess,
) -> None:
    dev = enroll_on(server)
    links = chain(4)
    forged = chain(1, start=2, prev=links[0]["hash"])[0] | {"kind": "void"}
    fields = {k: v for k, v in forged.items() if k != "hash"}
    forged["hash"] = audit_link_hash(**fields)
    send(dev, [links[0], forged, links[2], links[3]])
    assert "Rantai putus di catatan #3 (catatan tidak menyambung)" in row_of(
        devices_page(server), dev
    )


def test_a_gap_is_first_answered_then_a_missing_record_if_sent_again(
    server: ServerProcess,
) -> None:
    dev = enroll_on(server)
    links = chain(6)
    assert send(dev, links[:2])["audit_seq"] == 2
    # Records 3 and 4 are gone from the laptop: the server first says where it stands.
    assert send(dev, links[4:])["audit_seq"] == 2
    assert "Utuh sampai catatan #2" in row_of(devices_page(server), dev)
    assert send(dev, links[4:])["audit_seq"] == 6
    assert "Rantai putus di catatan #3 (catatan hilang)" in row_of(devices_page(server), dev)


def test_links_that_are_not_links_are_ignored_without_harm(server: ServerProcess) -> None:
    dev = enroll_on(server)
    junk: list[Any] = [{"seq": "1"}, {"seq": 2**70}, 5, None, {**chain(1)[0], "seq": True}]
    assert send(dev, junk)["audit_seq"] == 0
    assert send(dev, chain(2))["audit_seq"] == 2
