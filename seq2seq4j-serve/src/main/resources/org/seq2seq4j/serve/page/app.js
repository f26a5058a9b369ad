'use strict';
// The page of the seq2seq4j server: no library, nothing fetched but this server's own API.
(function () {
  const $ = (id) => document.getElementById(id);
  const status = $('status');

  function headers() {
    const h = { 'Content-Type': 'application/json' };
    const key = $('key').value;
    if (key) h['Authorization'] = 'Bearer ' + key;
    return h;
  }

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? 'error' : '';
  }

  async function call(path, body) {
    const init = body === undefined ? { headers: headers() }
      : { method: 'POST', headers: headers(), body: JSON.stringify(body) };
    const response = await fetch(path, init);
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (response.status === 401) $('keyrow').hidden = false;
    if (!response.ok) throw new Error((data && data.error) || ('HTTP ' + response.status));
    return data;
  }

  // White at 0 to deep blue at 1, as AttentionMaps draws it.
  function colour(v) {
    const t = Math.max(0, Math.min(1, v));
    const mix = (a, b) => Math.round(a + t * (b - a));
    return 'rgb(' + mix(255, 8) + ',' + mix(255, 48) + ',' + mix(255, 107) + ')';
  }

  function shown(token) {
    return token.replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/ /g, '\u2423');
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  const tip = $('tip');
  function showTip(event) {
    const cell = event.target;
    tip.textContent = cell.dataset.target + ' \u2190 ' + cell.dataset.source + ': ' + cell.dataset.value;
    tip.style.left = (event.clientX + 12) + 'px';
    tip.style.top = (event.clientY + 12) + 'px';
    tip.hidden = false;
  }

  function heatmap(sourceTokens, hypothesis) {
    const box = $('heatmap');
    box.replaceChildren();
    if (!hypothesis.attention) {
      box.append(el('p', 'hint', 'This model gives no attention weights.'));
      return;
    }
    const rows = hypothesis.attention;
    const labels = hypothesis.tokens.slice();
    while (labels.length < rows.length) labels.push('</s>');
    const table = el('table', 'heatmap');
    const head = el('tr');
    head.append(el('th'));
    sourceTokens.forEach((s) => {
      const th = el('th', 'source');
      th.append(el('span', null, shown(s)));
      head.append(th);
    });
    table.append(head);
    rows.forEach((row, i) => {
      const tr = el('tr');
      tr.append(el('th', 'target', shown(labels[i])));
      row.forEach((v, j) => {
        const td = el('td', 'cell');
        td.style.background = colour(v);
        td.dataset.value = v.toFixed(3);
        td.dataset.source = shown(sourceTokens[j]);
        td.dataset.target = shown(labels[i]);
        td.title = td.dataset.target + ' \u2190 ' + td.dataset.source + ': ' + td.dataset.value;
        td.addEventListener('mousemove', showTip);
        td.addEventListener('mouseleave', () => { tip.hidden = true; });
        tr.append(td);
      });
      table.append(tr);
    });
    box.append(table);
  }

  function legend() {
    const box = $('legend');
    box.replaceChildren(el('span', 'label', '0'));
    for (let k = 0; k <= 10; k++) {
      const s = el('span', 'swatch');
      s.style.background = colour(k / 10);
      s.title = (k / 10).toFixed(1);
      box.append(s);
    }
    box.append(el('span', 'label', '1'));
  }

  function render(data) {
    const result = data.results[0];
    $('best').textContent = data.translations[0];
    const body = $('nbest-table').querySelector('tbody');
    body.replaceChildren();
    result.n_best.forEach((h, k) => {
      const tr = el('tr');
      tr.append(el('td', null, String(k + 1)), el('td', 'text', h.translation),
        el('td', null, h.score.toFixed(4)), el('td', null, h.normalized_score.toFixed(4)));
      tr.addEventListener('click', () => select(k));
      body.append(tr);
    });
    function select(k) {
      body.querySelectorAll('tr').forEach((tr, i) => tr.classList.toggle('selected', i === k));
      $('which').textContent = '(hypothesis ' + (k + 1) + ')';
      heatmap(result.source_tokens, result.n_best[k]);
    }
    select(0);
    legend();
    $('result').hidden = false;
  }

  async function models() {
    try {
      const data = await call('/v1/models');
      const select = $('model');
      select.replaceChildren();
      data.models.filter((m) => m.kind === 'text').forEach((m) => select.append(el('option', null, m.name)));
      if (!select.options.length) say('This server has no text model to try.', true);
      else say('');
    } catch (e) {
      say(e.message, true);
    }
  }

  $('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const beam = Math.max(1, Math.min(16, parseInt($('beam').value, 10) || 1));
    const nBest = Math.max(1, Math.min(beam, parseInt($('nbest').value, 10) || 1));
    $('go').disabled = true;
    say('Translating\u2026');
    try {
      const started = performance.now();
      const data = await call('/v1/translate', {
        model: $('model').value, texts: [$('text').value], beam: beam, n_best: nBest, attention: true });
      render(data);
      say('Done in ' + Math.round(performance.now() - started) + ' ms.');
    } catch (e) {
      say(e.message, true);
    } finally {
      $('go').disabled = false;
    }
  });
  $('key').addEventListener('change', models);
  models();
})();
