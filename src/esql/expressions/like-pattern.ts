const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/;

const escapeChar = (c: string): string => (REGEX_SPECIAL.test(c) ? `\\${c}` : c);

/** LIKE pattern -> anchored JS RegExp: `*` any string, `?` one character, `\` escapes the next one. */
export function likeToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) out += escapeChar(pattern[++i]);
    else if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else out += escapeChar(c);
  }
  return new RegExp(`^(?:${out})$`, 'u');
}

/**
 * Lucene regexp (what RLIKE speaks) -> anchored JS RegExp. Lucene matches the whole string, has no
 * anchors (`^`/`$` are literals), `"..."` quotes a literal run, `@` is any string, `#` the empty
 * language, and `.` matches any character including newlines. `&`, `~` and `<n-m>` are Lucene
 * optional features that ES does not enable for RLIKE, so they are literals.
 */
export function rlikeToRegExp(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeChar(pattern[++i]);
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c;
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        out += c;
        if (pattern[i + 1] === '^') out += pattern[++i];
        break;
      case '"': {
        const end = pattern.indexOf('"', i + 1);
        const lit = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
        for (const ch of lit) out += escapeChar(ch);
        i = end < 0 ? pattern.length : end;
        break;
      }
      case '.':
        out += '[\\s\\S]';
        break;
      case '@':
        out += '[\\s\\S]*';
        break;
      case '#':
        out += '(?!)';
        break;
      case '^':
      case '$':
      case '/':
      case '&':
      case '~':
      case '<':
      case '>':
        out += `\\${c}`;
        break;
      default:
        out += c;
    }
  }
  return new RegExp(`^(?:${out})$`, 'u');
}
