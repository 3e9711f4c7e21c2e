"""Helpers for the simulator's own tests: plain httpx, no project API client."""

from __future__ import annotations

import json
from typing import Any

import httpx

from backoffice.simulator import DEMO_CREDENTIALS

APIKEY = DEMO_CREDENTIALS["apikey"]
SITE_ID = DEMO_CREDENTIALS["site_id"]
PASSWORD = DEMO_CREDENTIALS["transfer_password"]


def init_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "apikey": APIKEY,
        "site_id": SITE_ID,
        "transaction_id": "CMP-0001",
        "amount": 17500,
        "currency": "XOF",
        "description": "Vente comptoir",
        "notify_url": "https://boutique.example.ci/notify",
        "return_url": "https://boutique.example.ci/return",
        "customer_name": "Dje Bi",
        "customer_surname": "Jean-Marc",
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not ...}


def create(client: httpx.Client, **overrides: Any) -> httpx.Response:
    return client.post("/v2/payment", json=init_body(**overrides))


def check(client: httpx.Client, **fields: Any) -> httpx.Response:
    return client.post("/v2/payment/check", json={"apikey": APIKEY, "site_id": SITE_ID, **fields})


def legacy(client: httpx.Client, method: str, **fields: str) -> Any:
    body = {"apikey": APIKEY, "cpm_site_id": SITE_ID, **fields}
    response = client.post(f"/v1/?method={method}", data=body)
    assert response.status_code == 200
    return response.json()


def login(client: httpx.Client) -> str:
    response = client.post(
        "/v1/auth/login", params={"lang": "fr"}, data={"apikey": APIKEY, "password": PASSWORD}
    )
    return response.json()["data"]["token"]


def add_contacts(client: httpx.Client, token: str, *contacts: dict[str, Any]) -> Any:
    response = client.post(
        "/v1/transfer/contact", params={"token": token}, data={"data": json.dumps(list(contacts))}
    )
    return response.json()


def contact(phone: str, **overrides: Any) -> dict[str, Any]:
    return {
        "prefix": "225",
        "phone": phone,
        "name": "Kouassi",
        "surname": "Aya",
        "email": "aya@exemple.ci",
        **overrides,
    }


def send(client: httpx.Client, token: str, *orders: dict[str, Any]) -> Any:
    response = client.post(
        "/v1/transfer/money/send/contact",
        params={"token": token},
        data={"data": json.dumps(list(orders))},
    )
    return response.json()


def order(phone: str, amount: Any, client_id: str | None = None, **extra: Any) -> dict[str, Any]:
    line = {"prefix": "225", "phone": phone, "amount": amount, "notify_url": "", **extra}
    if client_id is not None:
        line["client_transaction_id"] = client_id
    return line
