"""Pages as HTML: the template, the inlined or shared scripts, JSON made safe for
a ``<script>`` element, and a Content-Security-Policy that lets only the page's
own scripts run.

A fully inlined page lists the SHA-256 of each of its scripts in its CSP, so even
markup that slipped through could not run a script.  Neighbourhood pages load the
same scripts from files next to them (``script-src 'self'``), which keeps them
small: vis-network alone is 460 KB.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

VIS_VERSION = "vis-9.1.2"


def _text(name: str) -> str:
    return (resources.files(__package__) / name).read_text("utf-8")


@lru_cache(maxsize=1)
def assets() -> dict[str, str]:
    """vis-network (from the pyvis wheel), the explorer's script, style and page template.

    Line ends are normalised: an HTML parser turns CR LF into LF inside a script,
    and the CSP hash must be computed over what the browser sees.
    """
    base = Path(str(resources.files("pyvis"))) / "lib" / VIS_VERSION
    vis = (base / "vis-network.min.js").read_text("utf-8")
    out = {"vis": vis, "css": _text("explorer.css"), "page": _text("page.html")}
    out.update((name, _text(name)) for name in EXPLORER_SCRIPTS)
    return {k: v.replace("\r\n", "\n").replace("\r", "\n") for k, v in out.items()}


def json_for_html(data) -> str:
    """JSON that is safe inside a <script> element (and as JavaScript)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _script_text(code: str) -> str:
    # the only sequence that can end a script element early
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def page_html(title: str, data: dict, inline: bool) -> str:
    """One page.  ``inline``: every script and style inside the file; otherwise
    the scripts and style are the shared files next to the page."""
    a = assets()
    if inline:
        scripts = [_script_text(a["vis"])] + [_script_text(a[name]) for name in EXPLORER_SCRIPTS]
        csp_script = " ".join(_sha256(s) for s in scripts)
        script_tags = "\n".join(f"<script>{s}</script>" for s in scripts)
        style = "<style>" + a["css"].replace("</style", "<\\/style") + "</style>"
        csp_style = "'unsafe-inline'"
    else:
        csp_script = "'self'"
        script_tags = "\n".join(f'<script src="{name}"></script>' for name in SHARED_SCRIPTS)
        style = '<link rel="stylesheet" href="explorer.css">'
        csp_style = "'self'"
    csp = (f"default-src 'none'; script-src {csp_script}; style-src {csp_style}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    parts = {"__CSP__": csp, "__TITLE__": html.escape(f"kg: {title}"), "__STYLE__": style,
             "__DATA__": json_for_html(data), "__SCRIPTS__": script_tags}
    # one pass, so that text inside the data can never be taken for a placeholder
    return re.sub("|".join(parts), lambda m: parts[m.group()], a["page"])


EXPLORER_SCRIPTS = ("ui.js", "panel.js", "explorer.js")   # in load order
SHARED_SCRIPTS = ("index.js", "vis-network.min.js") + EXPLORER_SCRIPTS
SHARED_NAMES = frozenset(SHARED_SCRIPTS + ("explorer.css",))
GENERATOR_TAG = '<meta name="generator" content="kg explorer">'


def shared_files(index_rows: list) -> dict[str, str]:
    """The files neighbourhood pages load, by name: scripts, style, entity index."""
    a = assets()
    out = {"vis-network.min.js": a["vis"], "explorer.css": a["css"],
           "index.js": "window.kgIndex = " + json_for_html(index_rows) + ";\n"}
    out.update((name, a[name]) for name in EXPLORER_SCRIPTS)
    return out
