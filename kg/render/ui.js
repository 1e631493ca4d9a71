/* kg explorer, part 1 of 3: DOM and drawing helpers shared by the other parts.
 * Text is only ever set with textContent; links are built from checked URLs. */
(function () {
  'use strict';
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return parent;
  }
  var NUMBER = new Intl.NumberFormat('en-US');   // one formatter: toLocaleString builds one per call
  function fmt(n) { return NUMBER.format(n); }
  function plural(n, one, many) { return fmt(n) + ' ' + (n === 1 ? one : (many || one + 's')); }
  function httpUrl(u) { return /^https?:\/\/[^\s]+$/i.test(u || '') ? u : ''; }
  function link(text, href, cls) {
    var a = el('a', cls, text);
    a.href = href;
    return a;
  }
  function extLink(text, href, cls) {
    var a = link(text, href, cls);
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }
  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function svg(w, h) {
    var s = document.createElementNS(SVG, 'svg');
    s.setAttribute('width', w); s.setAttribute('height', h);
    s.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    s.setAttribute('aria-hidden', 'true');
    return s;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function darker(hex, f) {
    var n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    f = f || 0.72;
    return 'rgb(' + Math.round(r * f) + ',' + Math.round(g * f) + ',' + Math.round(b * f) + ')';
  }
  function rgba(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }

  function shapeSwatch(st, size) {
    var s = svg(size, size), c = size / 2, r = size / 2 - 1.5;
    var fill = st.color, stroke = darker(st.color), shape;
    var pts = function (list) { return list.map(function (p) { return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join(' '); };
    if (st.shape === 'square' || st.shape === 'box') shape = svgEl('rect', { x: 1.5, y: 1.5, width: size - 3, height: size - 3 });
    else if (st.shape === 'diamond') shape = svgEl('polygon', { points: pts([[c, 1], [size - 1, c], [c, size - 1], [1, c]]) });
    else if (st.shape === 'triangle') shape = svgEl('polygon', { points: pts([[c, 1], [size - 1, size - 2], [1, size - 2]]) });
    else if (st.shape === 'triangleDown') shape = svgEl('polygon', { points: pts([[1, 2], [size - 1, 2], [c, size - 1]]) });
    else if (st.shape === 'hexagon') {
      var h = []; for (var i = 0; i < 6; i++) { var a = Math.PI / 3 * i; h.push([c + r * Math.cos(a), c + r * Math.sin(a)]); }
      shape = svgEl('polygon', { points: pts(h) });
    } else shape = svgEl('circle', { cx: c, cy: c, r: r });
    shape.setAttribute('fill', fill); shape.setAttribute('stroke', stroke); shape.setAttribute('stroke-width', '1.2');
    s.appendChild(shape);
    s.setAttribute('class', 'swatch');
    return s;
  }
  function lineSwatch(color, dashes, arrow) {
    var s = svg(30, 12);
    var line = svgEl('line', { x1: 1, y1: 6, x2: arrow ? 23 : 29, y2: 6, stroke: color, 'stroke-width': 2.6 });
    if (dashes) line.setAttribute('stroke-dasharray', dashes.join(' '));
    s.appendChild(line);
    if (arrow) s.appendChild(svgEl('polygon', { points: '22,1.5 29,6 22,10.5', fill: color }));
    s.setAttribute('class', 'swatch');
    return s;
  }

  function suggestBox(container, input, find, choose, openOnFocus) {
    var list = el('ul', 'suggest');
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    container.appendChild(input);
    container.appendChild(list);
    var items = [], active = -1;
    function render() {
      list.textContent = '';
      items.forEach(function (it, i) {
        var li = el('li', i === active ? 'active' : '');
        li.setAttribute('role', 'option');
        if (it.node) add(li, it.node); else li.textContent = it.label;
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    function refresh() { items = find(input.value.trim()); active = items.length ? 0 : -1; render(); }
    function pick(i) { var it = items[i]; list.hidden = true; items = []; if (it) choose(it); }
    input.addEventListener('input', refresh);
    if (openOnFocus) input.addEventListener('focus', refresh);
    input.addEventListener('blur', function () { list.hidden = true; });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (!items.length) refresh();
        active = (active + (ev.key === 'ArrowDown' ? 1 : -1) + items.length) % Math.max(1, items.length);
        render(); ev.preventDefault();
      } else if (ev.key === 'Enter') {
        if (!items.length) refresh();
        pick(Math.max(0, active)); ev.preventDefault();
      } else if (ev.key === 'Escape') { list.hidden = true; }
    });
  }

  window.kgUI = {
    el: el, add: add, fmt: fmt, plural: plural, httpUrl: httpUrl, link: link, extLink: extLink, fold: fold,
    darker: darker, rgba: rgba, shapeSwatch: shapeSwatch, lineSwatch: lineSwatch, suggestBox: suggestBox
  };
})();
