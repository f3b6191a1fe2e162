import { EsError } from '../../errors.js';

/**
 * A strict JSON parser for request bodies. JSON.parse is not enough for two ES behaviours: integers
 * beyond 2^53 must stay exact (they become bigint, as ES keeps them as longs), and errors must name
 * the `[line:column]` of the offending token the way Jackson's XContentLocation does (1-based, the
 * column of the token's first character). Duplicate keys are rejected, as ES enables Jackson's
 * strict duplicate detection.
 */

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface JsonLocation {
  readonly line: number;
  readonly column: number;
}

export const formatLocation = (loc: JsonLocation): string => `[${loc.line}:${loc.column}]`;

/** Where each key of an object and each of its values started. */
export interface ObjectLocations {
  readonly keys: Map<string, JsonLocation>;
  readonly values: Map<string, JsonLocation>;
}

export interface ParsedJson {
  readonly value: JsonValue;
  /** Start location of every object or array in the document. */
  readonly starts: WeakMap<object, JsonLocation>;
  /** Key and value locations of every object in the document. */
  readonly members: WeakMap<object, ObjectLocations>;
}

const xContentParse = (loc: JsonLocation, message: string) =>
  new EsError('x_content_parse_exception', `${formatLocation(loc)} ${message}`);

export function parseEsJson(text: string): ParsedJson {
  return new JsonReader(text).readDocument();
}

/** Jackson's `StreamReadConstraints` default: deeper documents are refused, never recursed into. */
export const MAX_NESTING_DEPTH = 1000;
/** Jackson's default too: a 10,000-digit literal would cost quadratic BigInt parsing for nothing. */
export const MAX_NUMBER_LENGTH = 1000;

class JsonReader {
  private depth = 0;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly starts = new WeakMap<object, JsonLocation>();
  private readonly members = new WeakMap<object, ObjectLocations>();

  constructor(private readonly text: string) {}

  readDocument(): ParsedJson {
    this.skipWhitespace();
    if (this.pos >= this.text.length) throw xContentParse(this.location(), 'Unexpected end-of-input: no content');
    const value = this.readValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) throw this.unexpected('expected end of input');
    return { value, starts: this.starts, members: this.members };
  }

  private location(): JsonLocation {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private unexpected(expecting: string): EsError {
    const loc = this.location();
    if (this.pos >= this.text.length) return xContentParse(loc, `Unexpected end-of-input: ${expecting}`);
    const ch = this.text[this.pos];
    const code = ch.charCodeAt(0);
    const shown = code < 0x20 ? `CTRL-CHAR, code ${code}` : `'${ch}' (code ${code})`;
    return xContentParse(loc, `Unexpected character (${shown}): ${expecting}`);
  }

  private skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x0a) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.pos++;
      } else {
        return;
      }
    }
  }

  private readValue(): JsonValue {
    const c = this.text[this.pos];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_NESTING_DEPTH) {
        throw xContentParse(
          this.location(),
          `Document nesting depth (${this.depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
        );
      }
      const nested = c === '{' ? this.readObject() : this.readArray();
      this.depth--;
      return nested;
    }
    if (c === '"') return this.readString();
    if (c === '-' || (c >= '0' && c <= '9')) return this.readNumber();
    if (this.text.startsWith('true', this.pos)) return this.readWord('true', true);
    if (this.text.startsWith('false', this.pos)) return this.readWord('false', false);
    if (this.text.startsWith('null', this.pos)) return this.readWord('null', null);
    throw this.unexpected("expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  }

  private readWord<T extends JsonValue>(word: string, value: T): T {
    this.pos += word.length;
    return value;
  }

  private readObject(): JsonObject {
    const obj: JsonObject = {};
    const locations: ObjectLocations = { keys: new Map(), values: new Map() };
    this.starts.set(obj, this.location());
    this.members.set(obj, locations);
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') throw this.unexpected('was expecting double-quote to start field name');
      const keyLoc = this.location();
      const key = this.readString();
      if (locations.keys.has(key)) throw xContentParse(keyLoc, `Duplicate field '${key}'`);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') throw this.unexpected("was expecting a colon to separate field name and value");
      this.pos++;
      this.skipWhitespace();
      const valueLoc = this.location();
      const value = this.readValue();
      // defineProperty keeps `__proto__` an ordinary key instead of changing the prototype.
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      locations.keys.set(key, keyLoc);
      locations.values.set(key, valueLoc);
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return obj;
      }
      throw this.unexpected("was expecting comma to separate Object entries");
    }
  }

  private readArray(): JsonValue[] {
    const arr: JsonValue[] = [];
    this.starts.set(arr, this.location());
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return arr;
    }
    for (;;) {
      this.skipWhitespace();
      arr.push(this.readValue());
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return arr;
      }
      throw this.unexpected("was expecting comma to separate Array entries");
    }
  }

  private readString(): string {
    const t = this.text;
    this.pos++;
    let out = '';
    let chunkStart = this.pos;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) throw this.unexpected('Illegal unquoted character, has to be escaped using backslash to be included in string value');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(chunkStart, this.pos);
      const e = t[this.pos + 1];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = t.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos += 2;
            throw this.unexpected('expected a hex-digit for character escape sequence');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          this.pos++;
          throw this.unexpected('Unrecognized character escape');
      }
      this.pos += 2;
      chunkStart = this.pos;
    }
    throw xContentParse(this.location(), 'Unexpected end-of-input: was expecting closing quote for a string value');
  }

  private readNumber(): number | bigint {
    const t = this.text;
    const start = this.pos;
    const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = start;
    const match = m.exec(t);
    if (match === null || match[0] === '-') throw this.unexpected('expected digit (0-9) to follow minus sign, for valid numeric value');
    const literal = match[0];
    if (literal.length > MAX_NUMBER_LENGTH) {
      throw xContentParse(
        this.location(),
        `Number value length (${literal.length}) exceeds the maximum allowed (${MAX_NUMBER_LENGTH}, from \`StreamReadConstraints.getMaxNumberLength()\`)`,
      );
    }
    this.pos = start + literal.length;
    const next = t.charCodeAt(this.pos);
    if ((next >= 0x30 && next <= 0x39) || next === 0x2e || (next >= 0x61 && next <= 0x7a) || (next >= 0x41 && next <= 0x5a)) {
      throw this.unexpected('Invalid numeric value');
    }
    const integral = match[2] === undefined && match[3] === undefined;
    const n = Number(literal);
    if (integral && !Number.isSafeInteger(n)) return BigInt(literal);
    return n;
  }
}
