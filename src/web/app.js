// The qactor console: submits ES|QL over the WebSocket gateway (/_query/ws), lists the queries of
// this page with their live state, draws the query machine and follows each query through it.
import { StateDiagram } from './diagram.js';
import { attachHighlighter } from './highlight.js';
import { renderResult, short } from './results.js';

const $ = (selector) => document.querySelector(selector);
const queries = new Map(); // id -> record
const pendingSubmits = new Map(); // ref -> query text
let socket;
let diagram;
let selected;
let refCounter = 0;

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${scheme}://${location.host}/_query/ws`);
  setConnection('connecting');
  socket.addEventListener('open', () => {
    setConnection('connected');
    // After a reconnect, pick up every query that had not finished where its events left off.
    for (const r of queries.values()) if (r.state !== 'done') send({ type: 'subscribe', id: r.id, after_seq: r.seq });
  });
  socket.addEventListener('message', (e) => onMessage(JSON.parse(e.data)));
  socket.addEventListener('close', () => {
    setConnection('disconnected');
    setTimeout(connect, 1000);
  });
}

function send(message) {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  else showError('not connected to the server');
}

function setConnection(text) {
  const badge = $('#connection');
  badge.textContent = text;
  badge.dataset.state = text;
}

function onMessage(m) {
  switch (m.type) {
    case 'submitted': {
      const text = pendingSubmits.get(m.ref) ?? '';
      pendingSubmits.delete(m.ref);
      addQuery(m.id, text);
      return;
    }
    case 'status':
      return onStatus(m);
    case 'result': {
      const r = queries.get(m.id);
      if (r === undefined) return;
      r.result = m.body;
      if (m.body.is_running === false) r.done = true;
      refresh(r);
      return;
    }
    case 'deleted':
      return removeQuery(m.id);
    case 'error': {
      const r = m.id === undefined ? undefined : queries.get(m.id);
      if (r !== undefined && r.state === 'done') {
        r.error = m.error;
        refresh(r);
      } else {
        showError(`${m.error.type}: ${m.error.reason}`);
      }
      if (m.ref !== undefined) pendingSubmits.delete(m.ref);
      return;
    }
  }
}

function onStatus(event) {
  const r = queries.get(event.id);
  if (r === undefined || event.seq <= r.seq) return;
  r.seq = event.seq;
  r.progress = event.progress;
  r.progressAt = performance.now();
  r.node = event.node;
  if (event.outcome !== undefined) r.outcome = event.outcome;
  // The log shows transitions; progress updates of the same state only move the bar.
  if (event.state !== r.state || r.events.length === 0) {
    r.events.push(`#${event.seq} ${event.state}${event.outcome ? ` (${event.outcome})` : ''}`);
  }
  // A subscription starts at the current state: a query that left `submitted` before the page
  // subscribed still started there (seq > 0 says events came before).
  if (r.path.length === 0 && event.seq > 0 && diagram !== undefined && event.state !== diagram.initialKey) {
    r.path.push(diagram.initialKey);
  }
  if (r.path[r.path.length - 1] !== event.state) r.path.push(event.state);
  r.state = event.state;
  refresh(r);
}

function addQuery(id, text) {
  const record = {
    id, text, state: 'submitted', outcome: undefined, seq: -1, path: [], events: [], node: '',
    progress: { rows_processed: 0, rows_total: null, pages: 0, elapsed_ms: 0 }, progressAt: performance.now(),
    result: undefined, error: undefined, row: createRow(id, text),
  };
  queries.set(id, record);
  $('#queries').prepend(record.row);
  $('#no-queries').hidden = true;
  select(id);
}

function createRow(id, text) {
  const row = $('#query-row-template').content.firstElementChild.cloneNode(true);
  row.dataset.id = id;
  row.querySelector('.query-id').textContent = short(id);
  row.querySelector('.query-id').title = id;
  row.querySelector('.query-text').textContent = text;
  row.querySelector('.stop').addEventListener('click', (e) => {
    e.stopPropagation();
    send({ type: 'stop', id });
  });
  row.querySelector('.delete').addEventListener('click', (e) => {
    e.stopPropagation();
    send({ type: 'delete', id });
  });
  row.addEventListener('click', () => select(id));
  return row;
}

function removeQuery(id) {
  const r = queries.get(id);
  if (r === undefined) return;
  r.row.remove();
  queries.delete(id);
  if (selected === id) {
    const next = queries.keys().next();
    select(next.done ? undefined : next.value);
  }
  $('#no-queries').hidden = queries.size > 0;
}

function select(id) {
  selected = id;
  for (const r of queries.values()) r.row.classList.toggle('selected', r.id === id);
  refresh(queries.get(id));
}

/** Elapsed time keeps moving between progress events (they are only sent when progress changes). */
function elapsedMs(r) {
  const live = r.state !== 'done' ? performance.now() - r.progressAt : 0;
  return r.progress.elapsed_ms + live;
}

function updateRow(r) {
  const row = r.row;
  const badge = row.querySelector('.state');
  badge.textContent = r.state === 'done' && r.outcome ? `done · ${r.outcome}` : r.state;
  badge.dataset.state = r.state;
  const { rows_processed: done, rows_total: total } = r.progress;
  const bar = row.querySelector('progress');
  if (total !== null && total > 0) {
    bar.max = total;
    bar.value = done;
  } else if (r.state === 'done') {
    bar.max = 1;
    bar.value = 1;
  } else {
    bar.removeAttribute('value');
  }
  row.querySelector('.rows').textContent = `${done.toLocaleString()}${total === null ? '' : ` / ${total.toLocaleString()}`} rows`;
  row.querySelector('.elapsed').textContent = `${(elapsedMs(r) / 1000).toFixed(1)} s`;
  row.querySelector('.stop').disabled = r.state === 'done';
  row.classList.toggle('partial', r.result?.is_partial === true);
}

function refresh(r) {
  if (r !== undefined) updateRow(r);
  if (r !== undefined && r.id !== selected) return;
  if (diagram !== undefined) diagram.show(r?.path ?? [], r?.outcome);
  $('#diagram-query').textContent = r === undefined ? 'no query selected' : `query ${short(r.id)}${r.node ? ` on ${r.node}` : ''}`;
  $('#path').textContent = r === undefined ? '' : r.path.join(' → ') + (r.outcome ? ` (${r.outcome})` : '');
  const log = $('#events');
  log.replaceChildren(...(r?.events ?? []).slice(-12).map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  renderResult($('#result'), r);
}

function showError(text) {
  const box = $('#submit-error');
  box.textContent = text;
  box.hidden = false;
}

function submit() {
  const query = $('#query-input').value.trim();
  if (query === '') return;
  $('#submit-error').hidden = true;
  const ref = `r${++refCounter}`;
  pendingSubmits.set(ref, query);
  send({ type: 'submit', ref, query, result: true });
}

async function start() {
  attachHighlighter($('#query-input'), $('#query-highlight'));
  $('#submit').addEventListener('click', submit);
  $('#query-input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  });
  setInterval(() => {
    for (const r of queries.values()) if (r.state !== 'done') updateRow(r);
  }, 200);
  renderResult($('#result'), undefined);
  const response = await fetch('machine.json');
  diagram = new StateDiagram($('#diagram'), await response.json());
  diagram.show([], undefined);
  document.body.dataset.ready = 'true';
  connect();
}

start().catch((err) => showError(`console failed to start: ${err}`));
