"""kg serve: a real SPARQL 1.1 endpoint (the Oxigraph server) on 127.0.0.1, queried over
HTTP with a SPARQL protocol client, read-only unless asked, always stopped."""
import os
import tempfile
import urllib.error
import urllib.request

import pytest

from kg.errors import KgError
from kg.export import load_graph

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import JSON, POST, SPARQLWrapper as Client  # noqa: E402

from kg.serve import Server, oxigraph_binary  # noqa: E402

MEETS = """PREFIX kg: <https://w3id.org/diplomacy-kg/vocab#>
SELECT DISTINCT ?a ?b WHERE { ?a kg:meetsWith ?b }"""
INSERT = 'INSERT DATA { <https://example.org/a> <https://example.org/b> "c" }'


@pytest.fixture(scope="module", autouse=True)
def needs_oxigraph():
    try:
        oxigraph_binary()
    except KgError as exc:
        pytest.skip(str(exc))


def _pairs(endpoint):
    client = Client(endpoint)
    client.setQuery(MEETS)
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    return {(b["a"]["value"], b["b"]["value"]) for b in answer["results"]["bindings"]}


def _update(server):
    client = Client(server.query_url, updateEndpoint=server.update_url)
    client.setMethod(POST)
    client.setQuery(INSERT)
    return client.query()


def test_read_only_endpoint_answers_sparql_and_refuses_updates(built):
    kg_ttl = built[0] / "kg.ttl"
    server = Server(kg_ttl, port=0)
    proc = server.process
    store = server._tmp.name
    try:
        assert server.url.startswith("http://127.0.0.1:")
        local = {(r["a"].value, r["b"].value) for r in load_graph(kg_ttl).query(MEETS)}
        assert _pairs(server.query_url) == local and len(local) > 5
        with pytest.raises(urllib.error.HTTPError) as err:
            _update(server)
        assert err.value.code in (403, 405)
        assert _pairs(server.query_url) == local          # nothing was written
    finally:
        server.stop()
    assert proc.poll() is not None                        # the process is gone
    assert not os.path.exists(store)                      # and its temporary store
    with pytest.raises(OSError):
        urllib.request.urlopen(server.query_url + "?query=ASK%7B%7D", timeout=2)


def test_updates_only_when_allowed(built):
    with Server(built[0] / "kg.ttl", port=0, allow_updates=True) as server:
        _update(server)
        client = Client(server.query_url)
        client.setQuery("ASK { <https://example.org/a> <https://example.org/b> \"c\" }")
        client.setReturnFormat(JSON)
        assert client.query().convert()["boolean"] is True
    assert server.process is None


def test_a_taken_port_or_a_missing_graph_is_a_clear_error(built, tmp_path):
    with Server(built[0] / "kg.ttl", port=0) as first:
        with pytest.raises(KgError, match=f"port {first.port} on 127.0.0.1 is in use"):
            Server(built[0] / "kg.ttl", port=first.port, timeout=20)
    with pytest.raises(KgError, match="run kg build first"):
        Server(tmp_path / "kg.ttl", port=0)


def test_a_graph_the_server_cannot_load_is_reported_and_nothing_is_left(tmp_path):
    bad = tmp_path / "kg.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/b> .\n")
    before = set(os.listdir(tempfile.gettempdir()))
    with pytest.raises(KgError, match="kg.ttl: oxigraph load failed"):
        Server(bad, port=0)
    left = {n for n in set(os.listdir(tempfile.gettempdir())) - before if n.startswith("kg-serve-")}
    assert not left


def _listeners(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on ``port`` (from /proc/net/tcp{,6})."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:      # 0A: LISTEN
                found.add(address)
    return found


def _outward_address() -> str | None:
    """This machine's address on its network (no packet is sent), if it has one."""
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))     # TEST-NET-1: only picks the outgoing interface
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_the_default_bind_is_loopback_only(built):
    if not os.path.exists("/proc/net/tcp"):
        pytest.skip("no /proc/net/tcp on this system")
    import socket
    with Server(built[0] / "kg.ttl", port=0) as server:
        assert _listeners(server.port) == {"0100007F"}            # 127.0.0.1, and no 0.0.0.0 or ::
        outward = _outward_address()
        if outward:                                                # not reachable from the network
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((outward, server.port)) != 0
        # the graph store protocol cannot write either
        req = urllib.request.Request(server.url + "/store?default", data=b"<a:b> <a:c> <a:d> .",
                                     method="POST", headers={"Content-Type": "application/n-triples"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=10)
        assert err.value.code in (403, 405)


def test_the_cli_offers_no_other_address():
    import inspect

    from click.testing import CliRunner

    from kg.cli import main
    assert "host" not in inspect.signature(Server).parameters and "bind" not in inspect.signature(Server).parameters
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text and "--host" not in help_text and "--bind" not in help_text
