// ES|QL syntax highlighting for the query editor: a <pre> behind a transparent <textarea> shows the
// same text with coloured tokens. The textarea keeps native editing (caret, selection, undo).

const COMMANDS = [
  'FROM', 'ROW', 'SHOW', 'WHERE', 'EVAL', 'STATS', 'SORT', 'LIMIT', 'KEEP', 'DROP', 'RENAME', 'DISSECT',
  'GROK', 'ENRICH', 'MV_EXPAND', 'LOOKUP', 'JOIN', 'METADATA', 'INLINESTATS', 'CHANGE_POINT', 'FORK',
];
const KEYWORDS = [
  'BY', 'AS', 'ON', 'WITH', 'AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'LIKE', 'RLIKE', 'ASC', 'DESC',
  'NULLS', 'FIRST', 'LAST', 'TRUE', 'FALSE', 'INFO', 'WHERE',
];
const COMMAND_SET = new Set(COMMANDS);
const KEYWORD_SET = new Set(KEYWORDS);

// One pass over the text; every alternative is a capture group so the token kind is known.
const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"?)|(`[^`]*`?)|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_@][A-Za-z0-9_.@]*)(?=\s*(\()?)|(\|)/g;

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** The query as HTML with `<span class="tok-...">` around each token. */
export function highlightEsql(text) {
  let html = '';
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    html += escapeHtml(text.slice(last, m.index));
    last = m.index + m[0].length;
    let kind = null;
    if (m[1] !== undefined) kind = 'comment';
    else if (m[2] !== undefined) kind = 'string';
    else if (m[3] !== undefined) kind = 'quoted';
    else if (m[4] !== undefined) kind = 'number';
    else if (m[5] !== undefined) {
      const upper = m[5].toUpperCase();
      if (COMMAND_SET.has(upper)) kind = 'command';
      else if (KEYWORD_SET.has(upper)) kind = 'keyword';
      else if (m[6] !== undefined) kind = 'function';
    } else if (m[7] !== undefined) kind = 'pipe';
    html += kind === null ? escapeHtml(m[0]) : `<span class="tok-${kind}">${escapeHtml(m[0])}</span>`;
  }
  html += escapeHtml(text.slice(last));
  // A trailing newline needs a character after it, or the <pre> is one line shorter than the textarea.
  return html + '\n ';
}

/** Keeps the overlay in step with the textarea's text and scroll position. */
export function attachHighlighter(textarea, overlay) {
  const render = () => {
    overlay.innerHTML = highlightEsql(textarea.value);
    overlay.scrollTop = textarea.scrollTop;
    overlay.scrollLeft = textarea.scrollLeft;
  };
  textarea.addEventListener('input', render);
  textarea.addEventListener('scroll', () => {
    overlay.scrollTop = textarea.scrollTop;
    overlay.scrollLeft = textarea.scrollLeft;
  });
  render();
  return render;
}
