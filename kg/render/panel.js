/* kg explorer, part 2 of 3: the side panel (an entity, a relation with its quotes,
 * or the page's summary).  Quotes, titles and names are set with textContent. */
(function () {
  'use strict';
  var U = window.kgUI, el = U.el, add = U.add, fmt = U.fmt, plural = U.plural, link = U.link,
    extLink = U.extLink, httpUrl = U.httpUrl, lineSwatch = U.lineSwatch;
  var STEP = 30;                       // quotes shown per "show more"

  // ctx: data, view (visible counts), nodeById, edgesOf, tStyle, pStyle, quoteOk,
  //      focusNode, selectEdge, resetFilters
  window.kgPanel = function (ctx) {
    var data = ctx.data, PAGE = data.page, MODS = data.modalities, modStyle = data.styles.modalities;
    var docs = data.docs, view = ctx.view, nodeById = ctx.nodeById, edgesOf = ctx.edgesOf;
    function shape(type, size) { return U.shapeSwatch(ctx.tStyle(type), size); }
    var detail = document.getElementById('detail');
    function panel() { detail.textContent = ''; detail.scrollTop = 0; return detail; }
    function entityButton(id) {
      var n = nodeById[id];
      var b = el('button', 'ent', n ? n.label : id);
      b.type = 'button';
      b.addEventListener('click', function () { ctx.focusNode(id); });
      return b;
    }
    function typeChip(type) { return add(el('span', 'chip'), shape(type, 12), type); }
    function predChip(p) { var st = ctx.pStyle(p); return add(el('span', 'pred'), lineSwatch(st.color, null, st.directed), p); }
    function modChip(i) { return add(el('span', 'mod mod-' + MODS[i]), lineSwatch('#4b5563', modStyle[i].dashes, false), MODS[i]); }

    function showHome() {
      var d = panel();
      if (PAGE.kind === 'entity' && nodeById[PAGE.focus]) { showNode(PAGE.focus, true); return; }
      var T = data.totals;
      add(d, el('h2', null, PAGE.kind === 'overview' ? 'Overview of a large graph' : 'Knowledge graph'));
      if (PAGE.kind === 'overview') {
        add(d, el('p', null, 'The whole graph has ' + plural(T.entities, 'entity', 'entities') + ' and ' +
          plural(T.relations, 'relation') + ' (' + plural(T.assertions, 'assertion') + ' from ' + plural(T.documents, 'document') +
          '), too many for one readable page. This overview draws the ' + fmt(data.nodes.length) +
          ' most connected entities and the ' + fmt(data.edges.length) + ' relations among them.'));
        add(d, el('p', null, 'Every entity has a neighbourhood page with all of its relations and quotes: find it with the search box, or double-click an entity.'));
      } else {
        add(d, el('p', null, plural(T.entities, 'entity', 'entities') + ' in ' + plural(T.relations, 'relation') + ', from ' +
          plural(T.assertions, 'assertion') + ' in ' + plural(T.documents, 'document') + '. ' +
          fmt(T.mentioned - T.entities) + ' more entities are mentioned but take part in no relation; they are not drawn.'));
      }
      add(d, el('p', 'hint', 'Click an entity or an edge to see its sources. Scroll to zoom, drag to pan.'));
      add(d, el('h3', null, 'Most connected'));
      var top = data.nodes.slice().sort(function (a, b) { return b.deg - a.deg || b.n - a.n || a.label.localeCompare(b.label); }).slice(0, 12);
      var ul = el('ul', 'toplist');
      top.forEach(function (n) {
        add(ul, add(el('li'), shape(n.type, 11), entityButton(n.id), el('span', 'count', plural(n.deg, 'relation'))));
      });
      d.appendChild(ul);
    }

    function showNode(id, keepScroll) {
      var n = nodeById[id], d = panel();
      add(d, el('div', 'kind', 'Entity'), el('h2', null, n.label));
      var meta = add(el('div', 'meta'), typeChip(n.type));
      if (/^Q[0-9]+$/.test(n.wd)) add(meta, extLink('Wikidata ' + n.wd + ' \u2197', 'https://www.wikidata.org/wiki/' + n.wd, 'wd'));
      d.appendChild(meta);
      if (n.aka && n.aka.length) add(d, el('p', 'aka', 'Also: ' + n.aka.join(', ')));
      add(d, el('p', 'stat', plural(n.deg, 'relation') + ' with ' + plural(n.n, 'assertion') + ' in the whole graph.'));
      if (n.page && n.id !== PAGE.focus) add(d, link('Open the neighbourhood page \u2192', n.page, 'button-link'));
      if (!view.nodes[id]) add(d, el('p', 'warn', 'Hidden by the current filters.'), resetButton());
      var mine = edgesOf[id].map(function (i) { return data.edges[i]; });
      mine.sort(function (a, b) { return (view.edges[b.id].n > 0) - (view.edges[a.id].n > 0) || b.n - a.n || a.p.localeCompare(b.p); });
      add(d, el('h3', null, 'Relations on this page (' + fmt(mine.length) + ')'));
      [[true, n.label + ' \u2192 \u2026'], [false, '\u2026 \u2192 ' + n.label]].forEach(function (side) {
        var rows = mine.filter(function (e) { return (e.s === id) === side[0]; });
        if (!rows.length) return;
        add(d, el('div', 'relhead', side[1]));
        var list = el('ul', 'rels');
        rows.forEach(function (e) {
          var v = view.edges[e.id], li = el('li', v.n > 0 ? 'rel' : 'rel off');
          var other = side[0] ? e.o : e.s, b = el('button', 'relbtn');
          b.type = 'button';
          add(b, predChip(e.p), el('span', 'other', nodeById[other].label),
            el('span', 'count', v.n > 0 && v.n !== e.n ? fmt(v.n) + '/' + fmt(e.n) : fmt(e.n)));
          b.title = nodeById[e.s].label + ' ' + e.p + ' ' + nodeById[e.o].label + (v.n > 0 ? '' : ' (hidden by the filters)');
          b.addEventListener('click', function () { ctx.selectEdge(e.id); });
          list.appendChild(add(li, b));
        });
        d.appendChild(list);
      });
      if (id === PAGE.focus && data.more.length) {
        add(d, el('h3', null, 'More relations (' + fmt(data.more.length) + ')'),
          el('p', 'note', 'With neighbours not drawn here; each is on the other entity\u2019s page.'));
        var ml = el('ul', 'rels');
        data.more.forEach(function (m) {
          var out = m[0] === id, other = out ? m[2] : m[0], li = el('li', 'rel');
          var name = data.moreLabels[other] || other, href = data.moreLinks[other];
          add(li, el('span', 'dir', out ? '\u2192' : '\u2190'), predChip(m[1]),
            href ? link(name, href, 'other') : el('span', 'other', name), el('span', 'count', fmt(m[3])));
          ml.appendChild(li);
        });
        d.appendChild(ml);
      }
      if (!keepScroll) d.scrollTop = 0;
    }

    function resetButton() {
      var b = el('button', 'reset small', 'Reset filters');
      b.type = 'button';
      b.addEventListener('click', function () { ctx.resetFilters(); });
      return b;
    }

    function showEdge(id) {
      var e = data.edges[id], d = panel(), v = view.edges[id];
      add(d, el('div', 'kind', 'Relation'));
      var h = add(el('h2', 'edgehead'), entityButton(e.s), add(el('span', 'predline'), predChip(e.p), el('span', 'ptext', ctx.pStyle(e.p).text)), entityButton(e.o));
      d.appendChild(h);
      var parts = add(el('div', 'modcounts'), el('span', 'stat', plural(e.n, 'assertion')));
      e.m.forEach(function (c, i) { if (c) add(parts, add(el('span', 'modcount'), modChip(i), el('span', 'modn', fmt(c)))); });
      d.appendChild(parts);
      if (e.q === null) {
        add(d, el('p', 'note', 'A relation between two neighbours, drawn for context. Its quotes are on the neighbourhood pages of its entities:'));
        var ul = el('ul', 'toplist');
        [e.s, e.o].forEach(function (x) { var n = nodeById[x]; if (n.page) ul.appendChild(add(el('li'), link(n.label + ' \u2192', n.page))); });
        d.appendChild(ul);
        return;
      }
      var shown = e.q.filter(ctx.quoteOk), hidden = e.q.length - shown.length;
      var ds = {}, dates = [];
      e.q.forEach(function (q) { ds[q[4]] = 1; var dt = docs[q[4]][2]; if (dt) dates.push(dt); });
      dates.sort();
      add(d, el('p', 'stat', plural(Object.keys(ds).length, 'document') + (dates.length ? ', ' + dates[0] + (dates[dates.length - 1] !== dates[0] ? ' to ' + dates[dates.length - 1] : '') : '') + '.'));
      if (PAGE.quoteCap && e.q.length < e.n) add(d, el('p', 'warn', 'This page keeps the newest ' + fmt(e.q.length) + ' of the ' + fmt(e.n) + ' quotes (page size limit); kg.ttl has all of them.'));
      var showAll = false, list = el('ol', 'quotes'), moreBtn = el('button', 'more');
      moreBtn.type = 'button';
      if (hidden) {
        var note = add(el('p', 'note'), fmt(hidden) + ' of ' + fmt(e.q.length) + ' quotes hidden by the filters. ');
        var t = el('button', 'linkish', 'Show them too');
        t.type = 'button';
        t.addEventListener('click', function () { showAll = true; shown = e.q; note.remove(); list.textContent = ''; renderMore(); });
        note.appendChild(t);
        d.appendChild(note);
      }
      add(d, el('h3', null, 'Quotes'));
      d.appendChild(list);
      d.appendChild(moreBtn);
      function renderMore() {
        var start = list.children.length;
        shown.slice(start, start + STEP).forEach(function (q) { list.appendChild(quoteItem(q, showAll && !ctx.quoteOk(q))); });
        var left = shown.length - list.children.length;
        moreBtn.hidden = left <= 0;
        moreBtn.textContent = 'Show ' + fmt(Math.min(STEP, left)) + ' more (' + fmt(left) + ' left)';
      }
      moreBtn.addEventListener('click', renderMore);
      renderMore();
    }

    function quoteItem(q, dim) {
      var doc = docs[q[4]], li = el('li', 'quote' + (dim ? ' dim' : ''));
      li.dataset.assertion = q[7];
      add(li, el('blockquote', 'qtext', q[0]));
      var who = add(el('div', 'qmeta'), modChip(q[1]));
      add(who, el('span', 'role role-' + q[3], q[3]));
      if (q[2]) add(who, el('span', 'speaker', q[2]));
      if (q[6]) add(who, el('span', 'reported', 'in a reporter\u2019s question'));
      li.appendChild(who);
      var src = el('div', 'qsrc'), url = httpUrl(doc[3]);
      add(src, url ? extLink(doc[1] || doc[0], url, 'doc') : el('span', 'doc', doc[1] || doc[0]));
      add(src, el('span', 'date', doc[2] || 'undated'));
      li.appendChild(src);
      add(li, el('div', 'qrule', 'document ' + doc[0] + ' \u00b7 rule ' + q[5]));
      return li;
    }

    return { home: showHome, node: showNode, edge: showEdge };
  };
})();
