/* kg explorer, part 3 of 3: draws the page's graph with vis-network; filters, search.
 * The graph arrives as JSON in <script id="kg-data">. Text from documents is only
 * ever put in the page with textContent (or vis-network's innerText tooltips),
 * never as HTML, and only http(s) URLs become links (kgUI, kgPanel). */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var PAGE = data.page;
  var MODS = data.modalities;
  var LABEL_MIN = 9;                   // labels drawn smaller than this (px) are left out
  var BIG = data.nodes.length + data.edges.length > 2000;   // hide edges while dragging (bench/)
  var t0 = performance.now();

  var U = window.kgUI, el = U.el, add = U.add, fmt = U.fmt, plural = U.plural, link = U.link,
    fold = U.fold, darker = U.darker, rgba = U.rgba, lineSwatch = U.lineSwatch, suggestBox = U.suggestBox;

  // ---------------------------------------------------------------- styles
  var typeStyle = {}, predStyle = {}, modStyle = data.styles.modalities;
  data.styles.types.forEach(function (t) { typeStyle[t.name] = t; });
  data.styles.predicates.forEach(function (p) { predStyle[p.name] = p; });
  function tStyle(t) { return typeStyle[t] || { color: '#888888', shape: 'dot' }; }
  function pStyle(p) { return predStyle[p] || { color: '#888888', directed: true, text: p }; }
  function shapeSwatch(type, size) { return U.shapeSwatch(tStyle(type), size); }

  // ---------------------------------------------------------------- the graph
  var docs = data.docs;                       // [id, title, date, url]
  var nodeById = {}, edgesOf = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; edgesOf[n.id] = []; });
  data.edges.forEach(function (e, i) {
    e.id = i;
    edgesOf[e.s].push(i);
    if (e.o !== e.s) edgesOf[e.o].push(i);
  });
  var totalAssertions = data.edges.reduce(function (s, e) { return s + e.n; }, 0);

  function nodeTitle(n) {
    return n.label + ' (' + n.type + ')\n' + plural(n.deg, 'relation') + ', ' + plural(n.n, 'assertion') +
      (n.page && n.id !== PAGE.focus ? '\nDouble-click: open its neighbourhood page' : '');
  }
  function edgeTitle(e, shown) {
    var s = nodeById[e.s].label + ' \u2192 ' + e.p + ' \u2192 ' + nodeById[e.o].label + '\n' +
      plural(shown, 'assertion') + (shown !== e.n ? ' shown of ' + fmt(e.n) : '');
    var parts = [];
    e.m.forEach(function (c, i) { if (c) parts.push(fmt(c) + ' ' + MODS[i]); });
    return s + ' (' + parts.join(', ') + ')';
  }

  var maxCount = data.edges.reduce(function (m, e) { return Math.max(m, e.n); }, 1);
  function baseNode(n) {
    var st = tStyle(n.type), focus = n.id === PAGE.focus;
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, shape: st.shape, size: n.r,
      title: nodeTitle(n), hidden: false,
      borderWidth: focus ? 4 : 1.5,
      color: {
        background: st.color, border: focus ? '#111827' : darker(st.color),
        highlight: { background: st.color, border: '#111827' },
        hover: { background: st.color, border: '#111827' }
      },
      font: { size: n.f, color: '#1f2430', face: 'system-ui, Arial, sans-serif',
              strokeWidth: 4, strokeColor: 'rgba(255,255,255,0.92)' }
    };
  }
  // in a big drawing, strong relations dark and single mentions light, so that the
  // main structure shows; in a small one every edge stays clearly visible
  var crowd = Math.max(0, Math.min(1, (data.edges.length - 80) / 500));   // 0 small ... 1 big
  function edgeWidth(n) { return Math.min(7 - crowd, 1.4 - 0.4 * crowd + (0.9 - 0.3 * crowd) * Math.log2(n)); }
  function edgeAlpha(n) {
    var low = 0.8 - 0.58 * crowd;
    return Math.min(0.9, low + (0.9 - low) * Math.log(n) / Math.log(Math.max(10, maxCount)));
  }
  // a count on every edge is noise in a big drawing: there they show on selection only
  var EDGE_LABELS = data.edges.length <= 80;
  function edgeLabel(e, n, on) { return n > 1 && (EDGE_LABELS || on) ? fmt(n) : ''; }
  function strongestOf(m) { for (var i = 0; i < m.length; i++) if (m[i]) return i; return 0; }
  function baseEdge(e) {
    var st = pStyle(e.p), ctx = e.q === null;
    var item = {
      id: e.id, from: e.s, to: e.o, hidden: false,
      color: { color: rgba(st.color, ctx ? 0.3 : edgeAlpha(e.n)), highlight: st.color, hover: st.color },
      width: ctx ? 1 : edgeWidth(e.n), dashes: modStyle[strongestOf(e.m)].dashes,
      arrows: st.directed ? { to: { enabled: true, scaleFactor: 0.55 } } : { to: { enabled: false } },
      smooth: e.c ? { enabled: true, type: e.c > 0 ? 'curvedCW' : 'curvedCCW', roundness: Math.abs(e.c) } : { enabled: false },
      label: edgeLabel(e, e.n, false),
      font: { size: 12, color: '#1f2937', strokeWidth: 0, background: 'rgba(255,255,255,0.85)', align: 'horizontal' },
      title: edgeTitle(e, e.n)
    };
    return item;
  }

  // ---------------------------------------------------------------- filters
  var state = {
    preds: new Set(data.styles.predicates.map(function (p) { return p.name; })),
    mods: new Set(MODS.map(function (_, i) { return i; })),
    types: new Set(data.styles.types.map(function (t) { return t.name; })),
    from: '', to: '', doc: -1, min: 1
  };
  function quoteOk(q) {
    if (!state.mods.has(q[1])) return false;
    if (state.doc >= 0 && q[4] !== state.doc) return false;
    if (state.from || state.to) {
      var d = docs[q[4]][2];
      if (!d || (state.from && d < state.from) || (state.to && d > state.to)) return false;
    }
    return true;
  }
  var dateOrDocFilter = function () { return !!(state.from || state.to || state.doc >= 0); };
  // visible assertions of an edge and its strongest visible modality (0 asserted ... )
  function edgeView(e) {
    if (!state.preds.has(e.p) || !state.types.has(nodeById[e.s].type) || !state.types.has(nodeById[e.o].type)) return { n: 0 };
    var n = 0, strongest = 9;
    if (e.q === null) {
      if (dateOrDocFilter()) return { n: 0 };
      e.m.forEach(function (c, i) { if (c && state.mods.has(i)) { n += c; strongest = Math.min(strongest, i); } });
    } else {
      for (var i = 0; i < e.q.length; i++) {
        var q = e.q[i];
        if (quoteOk(q)) { n++; if (q[1] < strongest) strongest = q[1]; }
      }
    }
    if (n < state.min) return { n: 0 };
    return { n: n, strongest: strongest };
  }

  var view = { edges: [], nodes: {}, visibleNodes: 0, visibleEdges: 0, visibleAssertions: 0 };
  var nodesDS, edgesDS, network;
  var selected = null;                 // {kind:'node'|'edge', id}

  function applyFilters() {
    var nodeVisible = {}, edgeUpdates = [], nodeUpdates = [];
    view.visibleEdges = 0; view.visibleAssertions = 0;
    data.edges.forEach(function (e) {
      var v = edgeView(e);
      view.edges[e.id] = v;
      if (v.n > 0) {
        view.visibleEdges++; view.visibleAssertions += v.n;
        nodeVisible[e.s] = true; nodeVisible[e.o] = true;
      }
    });
    view.visibleNodes = 0;
    data.nodes.forEach(function (n) {
      var vis = !!nodeVisible[n.id] && state.types.has(n.type);
      view.nodes[n.id] = vis;
      if (vis) view.visibleNodes++;
      nodeUpdates.push({ id: n.id, hidden: !vis });
    });
    data.edges.forEach(function (e) {
      var v = view.edges[e.id], ctx = e.q === null;
      var u = { id: e.id, hidden: v.n === 0 };
      if (v.n > 0) {
        u.dashes = modStyle[v.strongest].dashes;
        u.width = ctx ? 1 : edgeWidth(v.n);
        u.label = edgeLabel(e, v.n, false);
        u.title = edgeTitle(e, v.n);
      }
      edgeUpdates.push(u);
    });
    patch(nodesDS, memo.n, nodeUpdates);
    patch(edgesDS, memo.e, edgeUpdates);
    highlight();
    updateStats();
    if (selected) (selected.kind === 'node' ? showNode : showEdge)(selected.id, true);
    else showHome();
  }

  // ---------------------------------------------------------------- highlight
  var faded = false;
  function highlight() {
    var keepN = null, keepE = null;
    if (selected && selected.kind === 'node' && view.nodes[selected.id]) {
      keepN = {}; keepE = {};
      keepN[selected.id] = true;
      edgesOf[selected.id].forEach(function (i) {
        if (view.edges[i].n > 0) { keepE[i] = true; keepN[data.edges[i].s] = true; keepN[data.edges[i].o] = true; }
      });
    } else if (selected && selected.kind === 'edge' && view.edges[selected.id].n > 0) {
      var e = data.edges[selected.id];
      keepN = {}; keepE = {};
      keepN[e.s] = keepN[e.o] = true; keepE[e.id] = true;
    }
    if (!keepN && !faded) return;
    faded = !!keepN;
    var nu = [], eu = [];
    data.nodes.forEach(function (n) {
      var b = baseNode(n);
      if (keepN && !keepN[n.id]) {
        nu.push({ id: n.id, color: { background: '#e6e8ec', border: '#cfd3da' }, font: { color: '#b3b9c4', size: b.font.size, strokeWidth: 0 } });
      } else nu.push({ id: n.id, color: b.color, font: b.font });
    });
    data.edges.forEach(function (e) {
      var b = baseEdge(e), n = view.edges[e.id] ? view.edges[e.id].n : e.n;
      if (keepE && !keepE[e.id]) eu.push({ id: e.id, color: { color: 'rgba(200,205,212,0.3)', highlight: b.color.highlight, hover: b.color.hover }, label: '' });
      else if (keepE) eu.push({ id: e.id, color: { color: pStyle(e.p).color, highlight: b.color.highlight, hover: b.color.hover }, label: edgeLabel(e, n, true) });
      else eu.push({ id: e.id, color: b.color, label: edgeLabel(e, n, false) });
    });
    patch(nodesDS, memo.n, nu);
    patch(edgesDS, memo.e, eu);
  }

  // only what changed goes to vis-network: a DataSet update re-builds every item it gets
  var memo = { n: {}, e: {} };
  function remember(store, item) {
    var m = store[item.id] || (store[item.id] = {});
    Object.keys(item).forEach(function (k) { if (k !== 'id') m[k] = JSON.stringify(item[k]); });
  }
  function patch(ds, store, items) {
    var out = [];
    items.forEach(function (u) {
      var m = store[u.id] || (store[u.id] = {}), diff = null;
      Object.keys(u).forEach(function (k) {
        if (k === 'id') return;
        var v = JSON.stringify(u[k]);
        if (m[k] !== v) { m[k] = v; (diff = diff || { id: u.id })[k] = u[k]; }
      });
      if (diff) out.push(diff);
    });
    if (out.length) ds.update(out);
  }

  // ---------------------------------------------------------------- header
  var statsEl = document.getElementById('stats');
  function updateStats() {
    statsEl.textContent = '';
    add(statsEl,
      el('b', null, fmt(view.visibleNodes)), ' of ' + fmt(data.nodes.length) + ' entities \u00b7 ',
      el('b', null, fmt(view.visibleEdges)), ' of ' + fmt(data.edges.length) + ' relations \u00b7 ',
      el('b', null, fmt(view.visibleAssertions)), ' of ' + plural(totalAssertions, 'assertion'));
    document.body.dataset.visibleNodes = view.visibleNodes;
    document.body.dataset.visibleEdges = view.visibleEdges;
  }
  (function crumbs() {
    var c = document.getElementById('crumbs');
    if (PAGE.kind === 'entity') {
      add(c, link('\u2190 Overview', PAGE.home, 'crumb'), el('span', 'sep', '/'), el('span', 'here', PAGE.title));
    } else {
      add(c, el('span', 'here', PAGE.kind === 'overview' ? 'Overview' : 'Knowledge graph'));
    }
  })();

  // ---------------------------------------------------------------- filter panel
  var filtersEl = document.getElementById('filters');
  function section(title, note) {
    var s = el('section', 'fsec');
    var h = add(el('h3'), title);
    s.appendChild(h);
    if (note) s.appendChild(el('p', 'note', note));
    filtersEl.appendChild(s);
    return s;
  }
  function allNone(sec, set, values, boxes) {
    var bar = el('div', 'allnone');
    var all = el('button', 'linkish', 'all'), none = el('button', 'linkish', 'none');
    all.type = none.type = 'button';
    all.addEventListener('click', function () { values.forEach(function (v) { set.add(v); }); boxes.forEach(function (b) { b.checked = true; }); applyFilters(); });
    none.addEventListener('click', function () { set.clear(); boxes.forEach(function (b) { b.checked = false; }); applyFilters(); });
    add(bar, all, ' \u00b7 ', none);
    sec.querySelector('h3').appendChild(bar);
  }
  function checkRow(sec, set, value, swatch, name, sub, count, testid) {
    var row = el('label', 'check');
    var box = el('input');
    box.type = 'checkbox'; box.checked = true;
    box.dataset.filter = testid;
    box.addEventListener('change', function () { if (box.checked) set.add(value); else set.delete(value); applyFilters(); });
    var txt = el('span', 'ctext');
    add(txt, el('span', 'cname', name), sub ? el('span', 'csub', sub) : null);
    add(row, box, swatch, txt, el('span', 'count', fmt(count)));
    sec.appendChild(row);
    return box;
  }
  var predCount = {}, typeCount = {}, modCount = MODS.map(function () { return 0; });
  data.edges.forEach(function (e) {
    predCount[e.p] = (predCount[e.p] || 0) + 1;
    e.m.forEach(function (c, i) { modCount[i] += c; });
  });
  data.nodes.forEach(function (n) { typeCount[n.type] = (typeCount[n.type] || 0) + 1; });

  var boxes = { preds: [], mods: [], types: [] };
  (function buildFilters() {
    var s1 = section('Relations', 'Edge colour. Count: relations on this page.');
    var preds = data.styles.predicates.filter(function (p) { return predCount[p.name]; });
    preds.forEach(function (p) {
      boxes.preds.push(checkRow(s1, state.preds, p.name, lineSwatch(p.color, null, p.directed), p.name, p.text, predCount[p.name], 'predicate:' + p.name));
    });
    allNone(s1, state.preds, preds.map(function (p) { return p.name; }), boxes.preds);

    var s2 = section('Modality', 'Line style: the most certain modality among an edge\u2019s shown quotes. Count: assertions.');
    modStyle.forEach(function (m, i) {
      boxes.mods.push(checkRow(s2, state.mods, i, lineSwatch('#4b5563', m.dashes, false), m.name, m.text.replace(/^[a-z]+ /, ''), modCount[i], 'modality:' + m.name));
    });

    var s3 = section('Entity types', 'Node colour and shape. Size: number of relations.');
    var types = data.styles.types.filter(function (t) { return typeCount[t.name]; });
    types.forEach(function (t) {
      boxes.types.push(checkRow(s3, state.types, t.name, shapeSwatch(t.name, 14), t.name, null, typeCount[t.name], 'type:' + t.name));
    });
    allNone(s3, state.types, types.map(function (t) { return t.name; }), boxes.types);

    var dates = docs.map(function (d) { return d[2]; }).filter(Boolean).sort();
    var s4 = section('Date', dates.length ? 'Documents from ' + dates[0] + ' to ' + dates[dates.length - 1] + '.' : 'No dated documents.');
    var row = el('div', 'dates');
    var from = el('input'), to = el('input');
    [from, to].forEach(function (inp, k) {
      inp.type = 'date'; inp.id = k ? 'date-to' : 'date-from';
      if (dates.length) { inp.min = dates[0]; inp.max = dates[dates.length - 1]; }
      inp.addEventListener('change', function () { state[k ? 'to' : 'from'] = inp.value; applyFilters(); });
    });
    add(row, add(el('label'), 'from', from), add(el('label'), 'to', to));
    s4.appendChild(row);

    var s5 = section('Document', null);
    var docBox = el('div', 'docpick');
    var docInput = el('input');
    docInput.type = 'search'; docInput.id = 'doc-filter'; docInput.placeholder = 'Title, date or id\u2026';
    docInput.autocomplete = 'off'; docInput.setAttribute('aria-label', 'Filter by document');
    var chosen = el('div', 'chosen');
    chosen.hidden = true;
    var order = docs.map(function (d, i) { return i; }).sort(function (a, b) {
      return (docs[b][2] || '').localeCompare(docs[a][2] || '') || docs[a][0].localeCompare(docs[b][0]);
    });
    function docLabel(i) { return (docs[i][2] || 'undated') + ' \u00b7 ' + docs[i][1]; }
    suggestBox(docBox, docInput, function (q) {
      var f = fold(q);
      return order.filter(function (i) { return !f || fold(docs[i][1] + ' ' + docs[i][2] + ' ' + docs[i][0]).indexOf(f) >= 0; })
        .slice(0, 40).map(function (i) { return { label: docLabel(i), value: i }; });
    }, function (item) {
      state.doc = item.value;
      docInput.value = ''; docInput.hidden = true;
      chosen.textContent = '';
      var x = el('button', 'chip-x', '\u00d7');
      x.type = 'button'; x.title = 'Clear the document filter'; x.setAttribute('aria-label', 'Clear the document filter');
      x.addEventListener('click', function () { state.doc = -1; chosen.hidden = true; docInput.hidden = false; applyFilters(); });
      add(chosen, el('span', 'chip-text', docLabel(item.value)), x);
      chosen.hidden = false;
      applyFilters();
    }, true);
    add(s5, docBox, chosen);
    s5.appendChild(el('p', 'note', plural(docs.length, 'document') + ' behind this page\u2019s quotes.'));

    var maxN = data.edges.reduce(function (m, e) { return Math.max(m, e.n); }, 1);
    var steps = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].filter(function (s) { return s <= maxN; });
    var s6 = section('Minimum assertions per relation', null);
    var range = el('input'), out = el('output', 'minval', '1');
    range.type = 'range'; range.min = 0; range.max = steps.length - 1; range.value = 0; range.id = 'min-count';
    range.addEventListener('input', function () { state.min = steps[+range.value]; out.textContent = fmt(state.min); applyFilters(); });
    add(s6, add(el('div', 'range'), range, out));

    var reset = el('button', 'reset', 'Reset all filters');
    reset.type = 'button'; reset.id = 'reset';
    reset.addEventListener('click', resetFilters);
    filtersEl.appendChild(reset);

    var legend = section('Reading the graph', null);
    add(legend, el('p', 'note', 'Node size: number of relations. Edge width and number: assertions behind the relation. ' +
      'An arrow points from subject to object; meetsWith has none.' +
      (PAGE.kind === 'entity' ? ' Faint edges: relations among the neighbours, for context; their quotes are on their own pages.' : '') +
      (PAGE.kind === 'overview' || PAGE.kind === 'entity' ? ' Double-click an entity to open its neighbourhood page.' : '')));
    function resetFilters() {
      ['preds', 'mods', 'types'].forEach(function (k) { boxes[k].forEach(function (b) { b.checked = true; }); });
      // refill the sets in place: the checkboxes hold on to them
      data.styles.predicates.forEach(function (p) { state.preds.add(p.name); });
      MODS.forEach(function (_, i) { state.mods.add(i); });
      data.styles.types.forEach(function (t) { state.types.add(t.name); });
      state.from = state.to = ''; from.value = to.value = '';
      state.doc = -1; chosen.hidden = true; docInput.hidden = false;
      state.min = 1; range.value = 0; out.textContent = '1';
      applyFilters();
    }
    window.kgResetFilters = resetFilters;
  })();

  // ---------------------------------------------------------------- search
  var index = (data.index || window.kgIndex || []);
  var candidates = data.nodes.map(function (n) {
    return { id: n.id, label: n.label, type: n.type, deg: n.deg, aka: n.aka, here: true, page: n.page };
  });
  index.forEach(function (r) {
    if (!nodeById[r[0]]) candidates.push({ id: r[0], label: r[1], type: r[2], deg: r[3], page: r[4], aka: r[5], here: false });
  });
  candidates.forEach(function (c) { c.key = fold(c.label); c.akaKey = (c.aka || []).map(fold); });
  function findEntities(q) {
    var f = fold(q);
    if (!f) return [];
    var hits = [];
    candidates.forEach(function (c) {
      var score = -1;
      if (c.key.indexOf(f) === 0) score = 0;
      else if (c.key.indexOf(' ' + f) >= 0) score = 1;
      else if (c.akaKey.some(function (a) { return a.indexOf(f) === 0; })) score = 2;
      else if (c.key.indexOf(f) >= 0 || c.akaKey.some(function (a) { return a.indexOf(f) >= 0; })) score = 3;
      if (score >= 0 && (c.here || c.page)) hits.push({ c: c, score: score });
    });
    hits.sort(function (a, b) {
      return a.score - b.score || (b.c.here - a.c.here) || b.c.deg - a.c.deg || a.c.label.localeCompare(b.c.label);
    });
    return hits.slice(0, 12).map(function (h) {
      var c = h.c, row = el('span', 'sugg');
      add(row, shapeSwatch(c.type, 12), el('span', 'sname', c.label),
        el('span', 'smeta', c.here ? plural(c.deg, 'relation') : 'on its own page \u2192'));
      return { node: row, value: c };
    });
  }
  suggestBox(document.getElementById('search-box'), document.getElementById('search'), findEntities, function (item) {
    var c = item.value;
    document.getElementById('search').value = c.label;
    if (c.here) focusNode(c.id);
    else if (c.page) window.location.href = c.page;
  }, false);

  // ---------------------------------------------------------------- the network
  var startNodes = data.nodes.map(baseNode), startEdges = data.edges.map(baseEdge);
  startNodes.forEach(function (n) { remember(memo.n, n); });
  startEdges.forEach(function (e) { remember(memo.e, e); });
  nodesDS = new vis.DataSet(startNodes);
  edgesDS = new vis.DataSet(startEdges);
  var container = document.getElementById('net');
  network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, {
    physics: false,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG,
                   multiselect: false, navigationButtons: false, keyboard: false, zoomSpeed: 0.8 },
    nodes: { borderWidthSelected: 3.5, chosen: true, scaling: { label: { drawThreshold: LABEL_MIN } } },
    edges: { selectionWidth: 1.6, hoverWidth: 0.8, arrowStrikethrough: false, chosen: true,
             scaling: { label: { drawThreshold: 7 } } }
  });
  var firstDraw = null;
  network.once('afterDrawing', function () {
    firstDraw = performance.now();
    document.body.dataset.ready = '1';
    api.firstDrawMs = firstDraw;
    api.renderMs = firstDraw - t0;
  });

  // landmark labels: the most connected entities keep a readable label when zoomed out
  var landmarks = data.nodes.slice().sort(function (a, b) { return b.deg - a.deg || b.n - a.n; }).slice(0, 25);
  network.on('afterDrawing', function (ctx) {
    var scale = network.getScale(), top = landmarks.length ? landmarks[0].deg : 1, boxes = [];
    landmarks.forEach(function (n) {
      if (!view.nodes[n.id] || n.f * scale >= LABEL_MIN) return;     // vis draws its own label
      if (faded && !nodesDS.get(n.id).font.strokeWidth) return;
      var p = network.getPosition(n.id), size = (12 + 3 * Math.sqrt(n.deg / top)) / scale;
      ctx.font = '600 ' + size + 'px system-ui, Arial, sans-serif';
      var w = ctx.measureText(n.label).width, x = p.x - w / 2, y = p.y + n.r + 3 / scale;
      var box = [x, y, x + w, y + size * 1.2];
      if (boxes.some(function (b) { return b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]; })) return;
      boxes.push(box);
      ctx.textBaseline = 'top';
      ctx.lineWidth = 4 / scale; ctx.strokeStyle = 'rgba(255,255,255,0.95)'; ctx.lineJoin = 'round';
      ctx.strokeText(n.label, x, y);
      ctx.fillStyle = '#111827';
      ctx.fillText(n.label, x, y);
    });
  });

  function focusNode(id, quiet) {
    if (!nodeById[id]) return false;
    selected = { kind: 'node', id: id };
    if (!view.nodes[id]) { showNode(id); highlight(); return false; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(1.0, Math.min(1.6, network.getScale() * 1.6)), animation: quiet ? false : { duration: 450, easingFunction: 'easeInOutQuad' } });
    showNode(id);
    highlight();
    api.focused = id;
    return true;
  }
  function selectEdge(id) {
    selected = { kind: 'edge', id: id };
    network.selectEdges([id]);
    showEdge(id);
    highlight();
  }
  network.on('click', function (p) {
    if (p.nodes.length) { selected = { kind: 'node', id: p.nodes[0] }; showNode(p.nodes[0]); highlight(); api.focused = p.nodes[0]; }
    else if (p.edges.length) selectEdge(p.edges[0]);
    else clearSelection();
  });
  function clearSelection() { selected = null; network.unselectAll(); highlight(); showHome(); }
  document.getElementById('fit').addEventListener('click', function () { network.fit({ animation: { duration: 400 } }); });
  document.getElementById('clear').addEventListener('click', clearSelection);
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) clearSelection();
  });
  network.on('doubleClick', function (p) {
    if (p.nodes.length) {
      var n = nodeById[p.nodes[0]];
      if (n.page && n.id !== PAGE.focus) window.location.href = n.page;
    }
  });

  // ---------------------------------------------------------------- side panel
  var P = window.kgPanel({
    data: data, view: view, nodeById: nodeById, edgesOf: edgesOf, tStyle: tStyle, pStyle: pStyle,
    quoteOk: quoteOk, focusNode: focusNode, selectEdge: selectEdge,
    resetFilters: function () { window.kgResetFilters(); }
  });
  var showHome = P.home, showNode = P.node, showEdge = P.edge;

  // ---------------------------------------------------------------- start
  var api = window.kgExplorer = {
    network: network, nodes: nodesDS, edges: edgesDS, focused: null, firstDrawMs: null, renderMs: null,
    counts: function () {
      return { nodes: data.nodes.length, edges: data.edges.length, assertions: totalAssertions,
               visibleNodes: view.visibleNodes, visibleEdges: view.visibleEdges,
               visibleAssertions: view.visibleAssertions,
               drawnNodes: nodesDS.get({ filter: function (x) { return !x.hidden; } }).length,
               drawnEdges: edgesDS.get({ filter: function (x) { return !x.hidden; } }).length };
    },
    focus: focusNode, selectEdge: selectEdge, page: PAGE
  };
  document.body.dataset.nodes = data.nodes.length;
  document.body.dataset.edges = data.edges.length;
  applyFilters();
  network.fit({ animation: false });
  var hash = decodeURIComponent((window.location.hash || '').slice(1));
  if (hash && nodeById[hash]) focusNode(hash, true);
  else if (PAGE.focus && nodeById[PAGE.focus]) showNode(PAGE.focus);   // the page's entity, unselected: no fading
})();
