// The result panel: the table of a finished query, a "partial" badge when the query was stopped
// before it had read everything (`is_partial`), or the error it failed with.

function cellText(value) {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(cellText).join(', ')}]`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function renderResult(panel, record) {
  const badge = panel.querySelector('#partial-badge');
  const summary = panel.querySelector('#result-summary');
  const table = panel.querySelector('#result-table');
  const error = panel.querySelector('#result-error');
  badge.hidden = true;
  error.hidden = true;
  table.replaceChildren();
  if (record === undefined) {
    summary.textContent = 'Submit a query to see its result here.';
    return;
  }
  if (record.error !== undefined) {
    summary.textContent = `query ${short(record.id)} failed`;
    error.hidden = false;
    error.textContent = `${record.error.type}: ${record.error.reason}`;
    return;
  }
  const body = record.result;
  if (body === undefined) {
    summary.textContent = record.state === 'done' ? `query ${short(record.id)}: ${record.outcome ?? 'done'}` : `query ${short(record.id)} is ${record.state}…`;
    return;
  }
  badge.hidden = body.is_partial !== true;
  const rows = body.values.length;
  summary.textContent =
    `${rows} row${rows === 1 ? '' : 's'} · ${body.took ?? '?'} ms` +
    (record.outcome ? ` · ${record.outcome}` : '') +
    (body.is_partial ? ' · stopped early: values cover the rows read before the stop' : '');
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const c of body.columns) {
    const th = document.createElement('th');
    th.textContent = c.name;
    const type = document.createElement('span');
    type.className = 'col-type';
    type.textContent = c.type;
    th.append(type);
    headRow.append(th);
  }
  head.append(headRow);
  const tbody = document.createElement('tbody');
  for (const row of body.values.slice(0, 500)) {
    const tr = document.createElement('tr');
    for (const v of row) {
      const td = document.createElement('td');
      td.textContent = cellText(v);
      if (v === null) td.className = 'null';
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(head, tbody);
}

export function short(id) {
  return id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-6)}` : id;
}
