import type { ExtractedField, PatternExtractor } from './pattern-extractor.js';

interface DissectKey {
  /** Output field index, or -1 for skipped keys (`%{}`, `%{?x}`). */
  readonly field: number;
  readonly append: boolean;
  readonly order: number;
  readonly rightPad: boolean;
  /** The literal that follows the key ('' for a trailing key). */
  readonly delimiter: string;
}

/**
 * ES's DISSECT: `%{key}` captures up to the next literal delimiter. Modifiers: `%{+key}` appends
 * (joined by APPEND_SEPARATOR, `/n` orders the parts), `%{?key}` and `%{}` skip, `%{key->}` skips
 * repeats of the following delimiter. Every field is a keyword; no match gives null fields.
 */
export class DissectPattern implements PatternExtractor {
  readonly fields: ExtractedField[] = [];
  private readonly leading: string;
  private readonly keys: DissectKey[] = [];
  private readonly parts: { order: number; value: string }[][] = [];

  constructor(
    private readonly pattern: string,
    private readonly appendSeparator: string,
  ) {
    const re = /%\{([^}]*)\}/g;
    const first = pattern.indexOf('%{');
    if (first < 0) throw new Error(`Invalid pattern [${pattern}] for dissect: no keys`);
    this.leading = pattern.slice(0, first);
    const found: { spec: string; end: number; start: number }[] = [];
    for (let m = re.exec(pattern); m !== null; m = re.exec(pattern)) found.push({ spec: m[1], start: m.index, end: m.index + m[0].length });
    for (let i = 0; i < found.length; i++) {
      let spec = found[i].spec;
      const delimiter = pattern.slice(found[i].end, i + 1 < found.length ? found[i + 1].start : pattern.length);
      const rightPad = spec.endsWith('->');
      if (rightPad) spec = spec.slice(0, -2);
      let append = false;
      let skip = spec === '';
      if (spec.startsWith('+')) {
        append = true;
        spec = spec.slice(1);
      } else if (spec.startsWith('?')) {
        skip = true;
        spec = spec.slice(1);
      } else if (spec.startsWith('*') || spec.startsWith('&')) {
        throw new Error(`Invalid pattern [${pattern}] for dissect: reference keys are not supported`);
      }
      let order = 0;
      const slash = spec.indexOf('/');
      if (slash >= 0) {
        order = Number(spec.slice(slash + 1));
        spec = spec.slice(0, slash);
      }
      let field = -1;
      if (!skip) {
        field = this.fields.findIndex((f) => f.name === spec);
        if (field < 0) {
          field = this.fields.length;
          this.fields.push({ name: spec, type: 'keyword' });
          this.parts.push([]);
        }
      }
      this.keys.push({ field, append, order, rightPad, delimiter });
    }
  }

  extract(input: string, out: (string | number | boolean)[][]): boolean {
    if (!input.startsWith(this.leading)) return false;
    for (const p of this.parts) p.length = 0;
    let pos = this.leading.length;
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k];
      let end: number;
      let next: number;
      if (key.delimiter === '') {
        end = k === this.keys.length - 1 ? input.length : pos;
        next = end;
      } else {
        end = input.indexOf(key.delimiter, pos);
        if (end < 0) return false;
        next = end + key.delimiter.length;
        if (key.rightPad) while (input.startsWith(key.delimiter, next)) next += key.delimiter.length;
      }
      if (key.field >= 0) this.parts[key.field].push({ order: key.order, value: input.slice(pos, end) });
      pos = next;
    }
    for (let f = 0; f < this.fields.length; f++) {
      const parts = this.parts[f];
      const sorted = parts.length > 1 ? [...parts].sort((a, b) => a.order - b.order) : parts;
      out[f].push(sorted.map((p) => p.value).join(this.appendSeparator));
    }
    return true;
  }

  toString(): string {
    return `DissectParser[pattern=${this.pattern}]`;
  }
}
