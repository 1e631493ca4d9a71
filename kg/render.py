"""Stage 7, render: the graph as one self-contained HTML page (vis-network).

The vis-network script and styles ship inside the pyvis wheel; they are inlined,
so the page works opened from a file with no network.  Text from documents
travels as JSON inside a ``<script type="application/json">`` block with ``<``,
``>`` and ``&`` escaped, and is shown with ``textContent``: a quote or a title
containing ``<script>`` shows as text and runs nothing.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from .graph import assertion_id, sorted_assertions
from .records import Entity

TYPE_COLORS = {"Person": "#e15759", "State": "#4e79a7", "Organization": "#59a14f",
               "Forum": "#f28e2b", "Place": "#b07aa1", "Agreement": "#9c755f"}
PREDICATE_COLORS = {"meetsWith": "#4e79a7", "proposes": "#59a14f", "rejects": "#e15759",
                    "threatensCost": "#d62728", "commitsTo": "#76b7b2", "participatesIn": "#f28e2b",
                    "heldIn": "#b07aa1"}


def vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet from the pyvis package."""
    base = Path(str(resources.files("pyvis"))) / "lib" / "vis-9.1.2"
    return (base / "vis-network.min.js").read_text("utf-8"), (base / "vis-network.css").read_text("utf-8")


def json_for_html(data) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def graph_data(corpus, entities: dict[str, Entity]) -> dict:
    nodes = [{"id": eid, "label": e.label, "type": e.type, "wikidata": e.wikidata or ""}
             for eid, e in sorted(entities.items())]
    edges: dict[tuple[str, str, str], dict] = {}
    for a, doc in sorted_assertions(corpus):
        key = (a.subject, a.predicate, a.object)
        edge = edges.setdefault(key, {"from": a.subject, "to": a.object, "predicate": a.predicate,
                                      "modalities": [], "quotes": []})
        if a.modality not in edge["modalities"]:
            edge["modalities"].append(a.modality)
        edge["quotes"].append({"id": assertion_id(a), "quote": a.quote, "modality": a.modality,
                               "speaker": a.speaker, "role": a.role, "title": doc.title,
                               "date": doc.date or "", "url": doc.url or "", "rule": a.rule})
    used = {e["from"] for e in edges.values()} | {e["to"] for e in edges.values()}
    return {"nodes": [n for n in nodes if n["id"] in used], "edges": list(edges.values()),
            "typeColors": TYPE_COLORS, "predicateColors": PREDICATE_COLORS}


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>kg: knowledge graph</title>
<style>__VIS_CSS__</style>
<style>
body{margin:0;font:14px system-ui,sans-serif;display:flex;height:100vh}
#net{flex:1;border-right:1px solid #ddd}
#side{width:360px;overflow:auto;padding:12px}
#side h2{font-size:16px;margin:4px 0}
.q{border-left:3px solid #ccc;padding:4px 8px;margin:8px 0}
.meta{color:#555;font-size:12px}
.legend span{display:inline-block;margin-right:8px}
.dot{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:3px}
</style></head>
<body><div id="net"></div><div id="side"><h2>kg</h2><div class="legend" id="legend"></div>
<p class="meta">Click a node or an edge to see its sources.</p><div id="detail"></div></div>
<script type="application/json" id="kg-data">__DATA__</script>
<script>__VIS_JS__</script>
<script>
(function(){
var data = JSON.parse(document.getElementById('kg-data').textContent);
function el(tag, text, cls){var e=document.createElement(tag); if(text!==undefined) e.textContent=text; if(cls) e.className=cls; return e;}
var legend = document.getElementById('legend');
Object.keys(data.typeColors).forEach(function(t){var s=el('span'); var d=el('span','', 'dot'); d.style.background=data.typeColors[t]; s.appendChild(d); s.appendChild(document.createTextNode(t)); legend.appendChild(s);});
var nodes = new vis.DataSet(data.nodes.map(function(n){return {id:n.id,label:n.label,title:n.label+' ('+n.type+')',color:data.typeColors[n.type]||'#999',shape:'dot',size:14};}));
var edges = new vis.DataSet(data.edges.map(function(e,i){
  var q=e.quotes[0]; return {id:i,from:e.from,to:e.to,label:e.predicate,arrows:e.predicate==='meetsWith'?'':'to',
  color:{color:data.predicateColors[e.predicate]||'#888'},font:{size:10,align:'middle'},
  title:e.predicate+' ('+e.modalities.join(', ')+')\\n\\u201c'+q.quote+'\\u201d\\n'+q.title+' '+q.date};}));
var net = new vis.Network(document.getElementById('net'), {nodes:nodes,edges:edges},
  {physics:{stabilization:{iterations:300}}, interaction:{hover:true}});
net.once('stabilizationIterationsDone', function(){ net.setOptions({physics:false}); });
var detail = document.getElementById('detail');
function show(items, head){ detail.textContent=''; detail.appendChild(el('h2', head)); items.forEach(function(x){detail.appendChild(x);}); }
net.on('click', function(p){
  if(p.nodes.length){ var n=data.nodes.find(function(x){return x.id===p.nodes[0];});
    var items=[el('div', n.type, 'meta')];
    if(n.wikidata){ var a=el('a', n.wikidata); a.href='https://www.wikidata.org/wiki/'+encodeURIComponent(n.wikidata); items.push(a); }
    show(items, n.label); return; }
  if(p.edges.length){ var e=data.edges[p.edges[0]]; var items=[];
    e.quotes.forEach(function(q){ var d=el('div','', 'q'); d.appendChild(el('div', '\\u201c'+q.quote+'\\u201d'));
      d.appendChild(el('div', q.modality+' \\u2014 '+q.role+(q.speaker?' ('+q.speaker+')':''), 'meta'));
      var src = el('div', '', 'meta'); if(/^https?:\\/\\//.test(q.url)){ var a=el('a', q.title+' '+q.date); a.href=q.url; src.appendChild(a);} else { src.textContent=q.title+' '+q.date; }
      d.appendChild(src); items.push(d); });
    show(items, e.from+' '+e.predicate+' '+e.to); }
});
})();
</script></body></html>
"""


def render_html(corpus, entities: dict[str, Entity]) -> str:
    js, css = vis_assets()
    parts = {"__VIS_CSS__": css.replace("</style", "<\\/style"),
             "__DATA__": json_for_html(graph_data(corpus, entities)),
             "__VIS_JS__": js.replace("</script", "<\\/script")}
    # one pass, so text inside the data can never be taken for a placeholder
    return re.sub("__VIS_CSS__|__DATA__|__VIS_JS__", lambda m: parts[m.group()], PAGE)
