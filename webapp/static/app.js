// The dashboard's page. It reads the launch parameters Telegram puts in
// the address (#tgWebAppData=…&tgWebAppThemeParams=…), sends the signed
// initData with every API call, and writes every text with textContent.
(function () {
  'use strict';
  var launch = new URLSearchParams(location.hash.slice(1));
  var initData = launch.get('tgWebAppData') || '';
  var me = null, T = {}, year = 0;
  var stack = []; // the organizations drilled into, the current one last
  var sortBy = 'shortfall', treeOffset = 0;
  var $ = function (id) { return document.getElementById(id); };

  // Telegram's theme: themeParams become CSS variables, light or dark.
  var vars = { bg_color: '--bg', text_color: '--text', hint_color: '--hint', link_color: '--link',
    button_color: '--button', button_text_color: '--button-text', secondary_bg_color: '--bg2',
    section_bg_color: '--section', accent_text_color: '--accent', destructive_text_color: '--danger' };
  function applyTheme(p) {
    if (!p) return;
    var root = document.documentElement;
    root.classList.add('themed');
    Object.keys(vars).forEach(function (k) { if (p[k]) root.style.setProperty(vars[k], p[k]); });
    if (!p.section_bg_color && p.bg_color) root.style.setProperty('--section', p.bg_color);
    root.classList.toggle('dark', luminance(p.bg_color || '#ffffff') < 0.4);
  }
  function luminance(hex) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    if (!m) return 1;
    return (0.299 * parseInt(m[1], 16) + 0.587 * parseInt(m[2], 16) + 0.114 * parseInt(m[3], 16)) / 255;
  }
  try { applyTheme(JSON.parse(launch.get('tgWebAppThemeParams') || 'null')); } catch (e) { /* keep the fallback */ }

  // Events from the Telegram client: the web clients post messages, the
  // apps call Telegram.WebView.receiveEvent (TelegramGameProxy in older
  // ones).
  function onEvent(type, data) {
    if (type === 'theme_changed' && data) applyTheme(data.theme_params);
  }
  window.addEventListener('message', function (ev) {
    try {
      var m = typeof ev.data === 'string' ? JSON.parse(ev.data) : ev.data;
      if (m && m.eventType) onEvent(m.eventType, m.eventData);
    } catch (e) { /* not ours */ }
  });
  window.Telegram = window.Telegram || {};
  window.Telegram.WebView = window.Telegram.WebView || { receiveEvent: onEvent };
  window.TelegramGameProxy = window.TelegramGameProxy || { receiveEvent: onEvent };
  function post(type, data) {
    var body = JSON.stringify(data || {});
    if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent(type, body);
    else if (window.external && window.external.notify) window.external.notify(JSON.stringify({ eventType: type, eventData: data }));
    else if (window.parent !== window) window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data }), '*');
  }

  function api(path, body) {
    var opts = { headers: { Authorization: 'tma ' + initData } };
    if (body) { opts.method = 'POST'; opts.body = JSON.stringify(body); opts.headers['Content-Type'] = 'application/json'; }
    return fetch('api/' + path, opts).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j.error || r.statusText);
        return j;
      });
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function show(id, on) { $(id).hidden = !on; }
  function status(text) { $('status').textContent = text || ''; show('status', !!text); }
  function toast(text) {
    var t = el('div', 'toast', text);
    document.body.appendChild(t);
    setTimeout(function () { t.remove(); }, 3000);
  }
  function q(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== '' && params[k] !== undefined; })
      .map(function (k) { return k + '=' + encodeURIComponent(params[k]); }).join('&');
  }
  function current() { return stack.length ? stack[stack.length - 1] : ''; }

  function meter(p) {
    var m = el('div', 'meter');
    var bar = el('i');
    bar.style.width = Math.min(100, p.percent) + '%';
    m.appendChild(bar);
    if (p.quota > 0) {
      var pace = el('b');
      pace.style.left = Math.min(100, p.expected * 100 / p.quota) + '%';
      m.appendChild(pace);
    }
    return m;
  }

  // One organization in a list: name, figures and a bar; a click opens it.
  function orgRow(p) {
    var li = el('li', 'drill ' + p.status);
    li.dataset.code = p.code;
    var top = el('div', 'row-top');
    var name = el('div', 'row-name', p.name);
    name.appendChild(el('small', '', p.code + (p.inactive ? ' · ' + T.inactive : '')));
    var fig = el('div', 'row-fig');
    fig.appendChild(el('span', 'tally', p.tally));
    fig.appendChild(document.createTextNode(' '));
    fig.appendChild(el('span', 'pct', p.quota > 0 ? p.pct : ''));
    if (p.has_children) fig.appendChild(el('span', 'chev', '›'));
    fig.appendChild(el('small', p.shortfall > 0 ? 'short' : '', p.shortfall > 0 ? T.shortfall + ' ' + p.shortfall_text : p.status_text));
    top.appendChild(name); top.appendChild(fig);
    li.appendChild(top);
    li.appendChild(meter(p));
    li.addEventListener('click', function () { open(p.code); });
    return li;
  }

  function facts(list) {
    var dl = clear($('glance-facts'));
    list.forEach(function (f) {
      dl.appendChild(el('dt', '', f.label));
      var dd = el('dd', '', f.value);
      dd.id = f.id;
      dl.appendChild(dd);
    });
  }

  function glance(p, on, list) {
    show('glance', true);
    $('glance').className = 'card ' + p.status;
    $('glance-name').textContent = p.name;
    $('glance-on').textContent = T.as_of + ' ' + on;
    $('glance-tally').textContent = p.tally;
    $('glance-pct').textContent = p.quota > 0 ? p.pct : '';
    $('glance-plan').textContent = p.quota > 0 ? ' ' + T.of_plan : T.no_quota;
    var m = meter(p);
    $('glance-bar').style.width = m.firstChild.style.width;
    $('glance-pace').style.left = p.quota > 0 ? m.lastChild.style.left : '0';
    $('glance-pace-line').textContent = p.quota <= 0 ? '' : p.status === 'met' ? p.status_text :
      T.expected + ': ' + p.expected_text + ' · ' + (p.shortfall > 0 ? T.shortfall + ' ' + p.shortfall_text : T.on_pace);
    facts(list);
  }

  // The term beside the year, as /status writes it.
  function term(t) {
    show('glance-term', !!t);
    if (!t) return;
    $('glance-term').className = 'term ' + t.status;
    $('glance-term-line').textContent = T.term + ' ' + t.span + ': ' + t.tally + ' (' + t.pct + ')';
    $('glance-term-meter').replaceChildren(meter(t));
    $('glance-term-pace').textContent = t.status === 'met' ? t.status_text :
      T.term_needed + ': ' + t.expected_text + (t.shortfall > 0 ? ' · ' + T.shortfall + ' ' + t.shortfall_text : '');
  }

  function loadSummary() {
    return api('summary?' + q({ year: year })).then(function (s) {
      glance(s.progress, s.on, s.facts);
      term(s.term);
      var ul = clear($('furthest'));
      s.furthest.forEach(function (p) { ul.appendChild(orgRow(p)); });
      show('furthest-card', s.furthest.length > 0);
      var rk = clear($('risky'));
      s.risky.forEach(function (r) {
        var li = orgRow(r);
        li.querySelector('.row-fig small').textContent = T.risky_sources + ' ' + r.advanced + ' · ' + T.shortfall + ' ' + r.gap;
        rk.appendChild(li);
      });
      show('risky-card', s.risky.length > 0);
    });
  }

  function loadTree(append) {
    if (!append) treeOffset = 0;
    return api('orgs?' + q({ parent: current(), year: year, sort: sortBy, offset: treeOffset, limit: 50 })).then(function (r) {
      var ul = $('tree');
      if (!append) clear(ul);
      r.items.forEach(function (p) { ul.appendChild(orgRow(p)); });
      treeOffset = r.offset + r.items.length;
      $('more').hidden = treeOffset >= r.total;
      $('more').textContent = T.more + ' (' + (r.total - treeOffset) + ')';
      show('tree-card', r.total > 0);
    });
  }

  function table(headers, rows, numeric) {
    var t = el('table'), tr = el('tr');
    headers.forEach(function (h, i) { tr.appendChild(el('th', numeric[i] ? 'n' : '', h)); });
    t.appendChild(tr);
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c, i) {
        var td = el('td', numeric[i] ? 'n' : '');
        if (c instanceof Node) td.appendChild(c); else td.textContent = c;
        row.appendChild(td);
      });
      t.appendChild(row);
    });
    return t;
  }

  function loadOrg(code) {
    return api('org?' + q({ code: code, year: year })).then(function (o) {
      var p = o.progress;
      glance(p, o.on, o.facts);
      term(o.term);
      $('title').textContent = p.name;
      var nav = clear($('crumbs'));
      var trail = o.ancestors.slice();
      if (me.reads_all) trail.unshift({ code: '', name: T.committee });
      trail.forEach(function (a) {
        var link = el('a', '', a.name);
        link.addEventListener('click', function () { a.code ? open(a.code) : home(); });
        nav.appendChild(link);
        nav.appendChild(document.createTextNode(' › '));
      });
      nav.appendChild(document.createTextNode(p.name));
      show('crumbs', trail.length > 0);
      $('tree-head').textContent = T.subordinates;

      var adm = clear($('admissions'));
      if (!o.names) adm.appendChild(el('p', 'hint', T.names_hidden));
      else if (o.admissions.length === 0) adm.appendChild(el('p', 'hint', T.no_admissions));
      else adm.appendChild(table([T.col_name, T.col_date, T.col_decision],
        o.admissions.map(function (a) { return [a.name, a.date, a.decision || '']; }), [false, true, true]));

      var pipe = clear($('pipeline'));
      var split = el('div', 'split');
      var st = el('div'); st.appendChild(el('div', 'group', T.by_stage));
      st.appendChild(table([], o.stages.map(function (s) { return [s.name, String(s.count)]; }), [false, true]));
      var src = el('div'); src.appendChild(el('div', 'group', T.by_source));
      src.appendChild(table([], o.sources.map(function (s) { return [s.name, String(s.count)]; }), [false, true]));
      split.appendChild(st); split.appendChild(src);
      pipe.appendChild(split);
      pipe.appendChild(el('p', 'hint', o.conversion));
      if (o.candidates.length) {
        pipe.appendChild(el('div', 'group', T.candidates));
        pipe.appendChild(table([], o.candidates.map(function (c) { return [c.name, c.stage]; }), [false, false]));
      }

      var prob = clear($('probations'));
      if (!o.names) prob.appendChild(el('p', 'hint', T.names_hidden));
      else if (o.probations.length === 0) prob.appendChild(el('p', 'hint', T.no_probations));
      else prob.appendChild(table([T.col_name, T.col_ends], o.probations.map(function (a) {
        var end = el('span', a.overdue ? 'overdue' : '', a.ends + (a.overdue ? ' · ' + T.overdue : ''));
        return [a.name, end];
      }), [false, true]));

      $('history').replaceChildren(table([T.col_year, T.col_admitted, T.col_pct, T.col_decision],
        o.history.map(function (h) {
          var dec = el('span', '', h.decision || '');
          (h.earlier || []).forEach(function (e) { dec.appendChild(el('small', 'earlier', T.earlier + ' ' + e)); });
          return [String(h.year), h.tally, h.quota > 0 ? h.pct : T.no_quota, dec];
        }), [false, true, true, false]));
      show('org-details', true);
    });
  }

  function loadChart() {
    return api('chart?' + q({ code: current() })).then(function (c) {
      var box = clear($('chart'));
      var top = 1;
      c.years.forEach(function (y) { top = Math.max(top, y.quota, y.admitted); });
      c.years.forEach(function (y) {
        var col = el('div', 'col');
        col.dataset.year = y.year;
        col.appendChild(el('div', 'val', y.quota > 0 ? y.pct : String(y.admitted)));
        var stack = el('div', 'stack');
        var qb = el('div', 'q'); qb.style.height = (y.quota * 100 / top) + '%';
        qb.hidden = y.quota === 0;
        var ab = el('div', 'a'); ab.style.height = (y.admitted * 100 / top) + '%';
        ab.title = y.tally;
        stack.appendChild(qb); stack.appendChild(ab);
        col.appendChild(stack);
        col.appendChild(el('div', 'lbl', String(y.year)));
        box.appendChild(col);
      });
      $('chart-head').textContent = T.chart;
      show('chart-card', true);
    });
  }

  function actions() {
    var box = clear($('actions'));
    (me.sends || []).forEach(function (what) {
      var b = el('button', '', what === 'report' ? T.send_report : T.send_export);
      b.dataset.send = what;
      b.addEventListener('click', function () {
        b.disabled = true;
        api('send', { what: what, year: year }).then(function (r) { toast(r.message); })
          .catch(function (e) { toast(e.message); }).then(function () { b.disabled = false; });
      });
      box.appendChild(b);
    });
    show('actions', box.children.length > 0 && stack.length === 0);
  }

  function render() {
    status(T.loading);
    clearSearch();
    var code = current();
    $('back').hidden = stack.length === 0 || (!me.reads_all && stack.length <= 1);
    var work;
    if (code === '') {
      $('title').textContent = T.title;
      show('crumbs', false); show('org-details', false);
      $('tree-head').textContent = T.tree;
      work = [loadSummary(), loadTree()];
    } else {
      show('furthest-card', false); show('risky-card', false);
      work = [loadOrg(code), loadTree()];
    }
    actions();
    // The chart is below the first screen: it loads once the rest is shown.
    return Promise.all(work).then(function () { status(''); window.scrollTo(0, 0); return loadChart(); })
      .catch(function (e) { status(e.message || T.error); });
  }
  function open(code) {
    if (current() === code) return;
    stack.push(code);
    render();
  }
  function home() {
    stack = me.reads_all ? [] : stack.slice(0, 1);
    render();
  }
  function back() {
    if (stack.length === 0 || (!me.reads_all && stack.length <= 1)) { post('web_app_close'); return; }
    stack.pop();
    render();
  }

  var searchTimer = 0, searchSeq = 0;
  function clearSearch() { $('search').value = ''; show('results', false); }
  function search() {
    var text = $('search').value.trim();
    var seq = ++searchSeq;
    if (text.length < 2) { show('results', false); return; }
    api('search?' + q({ q: text, scope: current(), year: year })).then(function (r) {
      if (seq !== searchSeq) return;
      var box = clear($('results'));
      if (r.orgs.length) {
        box.appendChild(el('div', 'group', T.search_orgs));
        var ul = el('ul', 'rows');
        r.orgs.forEach(function (o) {
          var li = el('li', 'drill result-org', o.name);
          li.dataset.code = o.code;
          li.appendChild(el('span', 'tag', o.code));
          li.addEventListener('click', function () { open(o.code); });
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
      if (r.people.length) {
        box.appendChild(el('div', 'group', T.search_people));
        var pl = el('ul', 'rows');
        r.people.forEach(function (p) {
          var li = el('li', 'result-person');
          li.appendChild(el('div', 'row-name', p.name));
          li.appendChild(el('div', 'hint', [p.details, p.date, p.org.name].filter(Boolean).join(' · ')));
          pl.appendChild(li);
        });
        box.appendChild(pl);
      }
      if (!r.orgs.length && !r.people.length) box.appendChild(el('p', 'hint', T.nothing_found));
      show('results', true);
    }).catch(function (e) { status(e.message); });
  }

  function start() {
    api('me').then(function (m) {
      me = m; T = m.texts; year = m.year;
      document.documentElement.lang = m.lang;
      document.title = T.title;
      var ys = clear($('year'));
      m.years.forEach(function (y) { var o = el('option', '', String(y)); o.value = y; o.selected = y === year; ys.appendChild(o); });
      ys.addEventListener('change', function () { year = +ys.value; render(); });
      var so = clear($('sort'));
      [['shortfall', T.sort_shortfall], ['percent', T.sort_percent], ['name', T.sort_name]].forEach(function (s) {
        var o = el('option', '', s[1]); o.value = s[0]; so.appendChild(o);
      });
      so.addEventListener('change', function () { sortBy = so.value; loadTree(); });
      $('search').placeholder = T.search;
      $('search').addEventListener('input', function () { clearTimeout(searchTimer); searchTimer = setTimeout(search, 200); });
      $('more').addEventListener('click', function () { loadTree(true); });
      $('back').addEventListener('click', back);
      $('furthest-head').textContent = T.furthest;
      $('risky-head').textContent = T.risky;
      $('adm-head').textContent = T.admissions;
      $('pipe-head').textContent = T.pipeline;
      $('prob-head').textContent = T.probations;
      $('hist-head').textContent = T.quota_history;
      if (!m.reads_all && m.orgs.length) stack = [m.orgs[0].code];
      // Opened from under /status ORG: at that organization.
      var at = new URLSearchParams(location.search).get('org');
      if (at && m.reads_all) stack = [at];
      render();
      post('web_app_ready');
      post('web_app_expand');
    }).catch(function (e) { status(e.message); });
  }
  start();
})();
