"""The tests' own PostgreSQL server: reachable on loopback, notifies, survives a restart."""

from __future__ import annotations

import psycopg

from tests.support.postgres import PostgresServer


def test_a_fresh_database_listens_and_notifies(shop_dsn: str) -> None:
    with psycopg.connect(shop_dsn, autocommit=True) as listener, \
            psycopg.connect(shop_dsn, autocommit=True) as talker:
        listener.execute("LISTEN comptoir_test")
        talker.execute("SELECT pg_notify('comptoir_test', 'CAISSE-1')")
        got = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
    assert got == ["CAISSE-1"]


def test_stopped_then_restarted_on_the_same_port(postgres: PostgresServer, shop_dsn: str) -> None:
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE kept (x int)")
        conn.execute("INSERT INTO kept VALUES (7)")
    postgres.stop()
    assert not postgres.running()
    try:
        psycopg.connect(shop_dsn, connect_timeout=2).close()
        raise AssertionError("connected to a stopped server")
    except psycopg.OperationalError:
        pass
    postgres.restart()
    with psycopg.connect(shop_dsn) as conn:
        assert conn.execute("SELECT x FROM kept").fetchone() == (7,)
