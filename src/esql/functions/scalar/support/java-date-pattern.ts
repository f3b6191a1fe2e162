import { daysInMonth, utcMs } from './iso-date.js';

/**
 * A subset of Java's DateTimeFormatter patterns (root locale, UTC), compiled once per pattern:
 * y u M L d D H h k K m s S a E Q w 'literal' Z X x z V, and plain punctuation.
 */

type Token = { readonly kind: 'field'; readonly letter: string; readonly count: number } | { readonly kind: 'literal'; readonly text: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SUPPORTED = 'yuMLdDHhkKmsSaEeQqwYZXxzVG';

export class UnsupportedPatternError extends Error {}

export function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      out.push({ kind: 'literal', text: j === i + 1 && pattern[j] === "'" ? "'" : text });
      i = j + 1;
    } else if (/[a-zA-Z]/.test(c)) {
      if (!SUPPORTED.includes(c)) throw new UnsupportedPatternError(`Unknown pattern letter: ${c}`);
      let j = i;
      while (j < pattern.length && pattern[j] === c) j++;
      out.push({ kind: 'field', letter: c, count: j - i });
      i = j;
    } else {
      out.push({ kind: 'literal', text: c });
      i++;
    }
  }
  return out;
}

/** True when the pattern prints month or day names (ES warns these may change with JDK 23). */
export const hasTextualFields = (tokens: readonly Token[]): boolean =>
  tokens.some((t) => t.kind === 'field' && ((t.letter === 'M' && t.count >= 3) || t.letter === 'E' || (t.letter === 'L' && t.count >= 3)));

const pad = (n: number, w: number): string => (n < 0 ? `-${String(-n).padStart(w, '0')}` : String(n).padStart(w, '0'));

/** Formats epoch ms (UTC) with compiled tokens. */
export function formatWith(tokens: readonly Token[], ms: number): string {
  const d = new Date(ms);
  let s = '';
  for (const t of tokens) {
    if (t.kind === 'literal') {
      s += t.text;
      continue;
    }
    const c = t.count;
    const year = d.getUTCFullYear();
    switch (t.letter) {
      case 'y':
      case 'u':
      case 'Y':
        s += c === 2 ? pad(((year % 100) + 100) % 100, 2) : pad(year, c);
        break;
      case 'M':
      case 'L':
        s += c >= 4 ? MONTHS[d.getUTCMonth()] : c === 3 ? MONTHS[d.getUTCMonth()].slice(0, 3) : pad(d.getUTCMonth() + 1, c);
        break;
      case 'd':
        s += pad(d.getUTCDate(), c);
        break;
      case 'D':
        s += pad(dayOfYear(ms), c);
        break;
      case 'H':
        s += pad(d.getUTCHours(), c);
        break;
      case 'k':
        s += pad(d.getUTCHours() === 0 ? 24 : d.getUTCHours(), c);
        break;
      case 'h':
        s += pad(d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12, c);
        break;
      case 'K':
        s += pad(d.getUTCHours() % 12, c);
        break;
      case 'm':
        s += pad(d.getUTCMinutes(), c);
        break;
      case 's':
        s += pad(d.getUTCSeconds(), c);
        break;
      case 'S':
        s += pad(d.getUTCMilliseconds(), 3).padEnd(c, '0').slice(0, c);
        break;
      case 'a':
        s += d.getUTCHours() < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        s += c >= 4 ? DAYS[isoDayOfWeek(ms) - 1] : DAYS[isoDayOfWeek(ms) - 1].slice(0, 3);
        break;
      case 'e':
        s += pad(isoDayOfWeek(ms), c);
        break;
      case 'Q':
      case 'q':
        s += c >= 3 ? `Q${Math.floor(d.getUTCMonth() / 3) + 1}` : pad(Math.floor(d.getUTCMonth() / 3) + 1, c);
        break;
      case 'w':
        s += pad(isoWeek(ms), c);
        break;
      case 'G':
        s += year > 0 ? 'AD' : 'BC';
        break;
      case 'Z':
        s += c === 4 ? 'GMT' : c === 5 ? 'Z' : '+0000';
        break;
      case 'X':
        s += 'Z';
        break;
      case 'x':
        s += c === 1 ? '+00' : c === 2 || c === 4 ? '+0000' : '+00:00';
        break;
      case 'z':
        s += c >= 4 ? 'Coordinated Universal Time' : 'UTC';
        break;
      case 'V':
        s += 'Z';
        break;
    }
  }
  return s;
}

export function dayOfYear(ms: number): number {
  const d = new Date(ms);
  return Math.floor((ms - utcMs(d.getUTCFullYear(), 1, 1)) / 86_400_000) + 1;
}

/** ISO day of week: Monday = 1 ... Sunday = 7. */
export function isoDayOfWeek(ms: number): number {
  const day = Math.floor(ms / 86_400_000);
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO-8601 week of the week-based year. */
export function isoWeek(ms: number): number {
  const thursday = ms - (isoDayOfWeek(ms) - 4) * 86_400_000;
  return Math.floor((dayOfYear(thursday) - 1) / 7) + 1;
}

/** A compiled parser: epoch ms of a full match of `text`, or undefined. */
export function compileParser(tokens: readonly Token[]): (text: string) => number | undefined {
  let re = '';
  const fields: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'literal') {
      re += t.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const c = t.count;
    let g: string;
    switch (t.letter) {
      case 'y':
      case 'u':
      case 'Y':
        g = c === 2 ? '\\d{2}' : `[+-]?\\d{${Math.max(c, 1)},9}`;
        break;
      case 'M':
      case 'L':
        g = c >= 4 ? MONTHS.join('|') : c === 3 ? MONTHS.map((m) => m.slice(0, 3)).join('|') : c === 2 ? '\\d{2}' : '\\d{1,2}';
        break;
      case 'S':
        g = `\\d{${c}}`;
        break;
      case 'a':
        g = 'AM|PM|am|pm';
        break;
      case 'E':
        g = c >= 4 ? DAYS.join('|') : DAYS.map((x) => x.slice(0, 3)).join('|');
        break;
      case 'Z':
      case 'X':
      case 'x':
        g = 'Z|[+-]\\d{2}(?::?\\d{2})?';
        break;
      case 'z':
      case 'V':
        g = 'UTC|Z|GMT';
        break;
      case 'D':
        g = c === 1 ? '\\d{1,3}' : `\\d{${c}}`;
        break;
      default:
        g = c === 1 ? '\\d{1,2}' : `\\d{${c}}`;
    }
    re += `(${g})`;
    fields.push(t);
  }
  const regex = new RegExp(`^${re}$`);
  return (text) => {
    const m = regex.exec(text);
    if (m === null) return undefined;
    let year = 1970;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let millis = 0;
    let pm: boolean | undefined;
    let offsetMs = 0;
    let yearOfDay: number | undefined;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as { letter: string; count: number };
      const v = m[i + 1];
      switch (f.letter) {
        case 'y':
        case 'u':
        case 'Y':
          year = f.count === 2 ? 2000 + Number(v) : Number(v);
          break;
        case 'M':
        case 'L':
          month = f.count >= 3 ? MONTHS.findIndex((x) => x.startsWith(v)) + 1 : Number(v);
          break;
        case 'd':
          day = Number(v);
          break;
        case 'D':
          yearOfDay = Number(v);
          break;
        case 'H':
        case 'k':
          hour = Number(v) % 24;
          break;
        case 'h':
        case 'K':
          hour = Number(v) % 12;
          break;
        case 'm':
          minute = Number(v);
          break;
        case 's':
          second = Number(v);
          break;
        case 'S':
          millis = Number(v.padEnd(3, '0').slice(0, 3));
          break;
        case 'a':
          pm = v.toUpperCase() === 'PM';
          break;
        case 'Z':
        case 'X':
        case 'x':
          if (v !== 'Z') {
            const digits = v.slice(1).replace(':', '');
            offsetMs = (v[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 3_600_000 + Number(digits.slice(2, 4) || '0') * 60_000);
          }
          break;
      }
    }
    if (pm === true) hour += 12;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    let ms = utcMs(year, month, day, hour, minute, second, millis);
    if (yearOfDay !== undefined) ms = utcMs(year, 1, 1, hour, minute, second, millis) + (yearOfDay - 1) * 86_400_000;
    return ms - offsetMs;
  };
}
