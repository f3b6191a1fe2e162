import type { DataType } from '../../compute/data-type.js';
import { GROK_LIBRARY } from './grok-library.js';
import type { ExtractedField, PatternExtractor } from './pattern-extractor.js';

const GROK_TYPES: Readonly<Record<string, DataType>> = {
  int: 'integer',
  integer: 'integer',
  long: 'long',
  float: 'double',
  double: 'double',
  boolean: 'boolean',
};

/**
 * ES's GROK: `%{SYNTAX:name[:type]}` references into the pattern library plus Oniguruma named groups
 * `(?<name>...)`, compiled to one unanchored JS RegExp. A name captured several times gives a
 * multi-value; with several patterns the first that matches wins.
 */
export class GrokPattern implements PatternExtractor {
  readonly fields: ExtractedField[] = [];
  /** For each RegExp group `g<i>`: the output field it feeds. */
  private readonly groupFields: number[] = [];
  private readonly regexes: RegExp[];

  constructor(private readonly patterns: readonly string[]) {
    this.regexes = patterns.map((p) => new RegExp(this.expand(p, 0), 's'));
  }

  private field(name: string, type: DataType): number {
    const i = this.fields.findIndex((f) => f.name === name);
    if (i >= 0) return i;
    this.fields.push({ name, type });
    return this.fields.length - 1;
  }

  private group(name: string, type: DataType): string {
    this.groupFields.push(this.field(name, type));
    return `g${this.groupFields.length - 1}`;
  }

  private expand(pattern: string, depth: number): string {
    if (depth > 20) throw new Error(`Invalid GROK pattern [${pattern}]: recursion too deep`);
    let out = pattern.replace(/%\{(\w+)(?::([\w.@\-[\]]+))?(?::(\w+))?\}/g, (_m, syntax: string, name?: string, type?: string) => {
      const def = GROK_LIBRARY[syntax];
      if (def === undefined) throw new Error(`Unable to find pattern [${syntax}] in Grok's pattern dictionary`);
      const inner = this.expand(def, depth + 1);
      if (name === undefined) return `(?:${inner})`;
      const t = type === undefined ? 'keyword' : GROK_TYPES[type];
      if (t === undefined) throw new Error(`Unsupported GROK type [${type}]`);
      return `(?<${this.group(name, t)}>${inner})`;
    });
    if (depth === 0) {
      out = out.replace(/\(\?<([A-Za-z_][\w.@]*)>/g, (m, name: string) => (/^g\d+$/.test(name) ? m : `(?<${this.group(name, 'keyword')}>`));
      out = out.replace(/\(\?>/g, '(?:');
    }
    return out;
  }

  extract(input: string, out: (string | number | boolean)[][]): boolean {
    for (const re of this.regexes) {
      const m = re.exec(input);
      if (m === null || m.groups === undefined) continue;
      for (let g = 0; g < this.groupFields.length; g++) {
        const v = m.groups[`g${g}`];
        if (v === undefined) continue;
        const f = this.groupFields[g];
        const converted = convert(v, this.fields[f].type);
        if (converted !== null) out[f].push(converted);
      }
      return true;
    }
    return false;
  }

  toString(): string {
    return `GrokParser[patterns=${this.patterns.join(', ')}]`;
  }
}

function convert(v: string, type: DataType): string | number | boolean | null {
  switch (type) {
    case 'integer': {
      const n = Number(v);
      return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : null;
    }
    case 'long': {
      const n = Number(v);
      return Number.isInteger(n) ? n : null;
    }
    case 'double': {
      const n = Number(v);
      return Number.isNaN(n) ? null : n;
    }
    case 'boolean':
      return v.toLowerCase() === 'true';
    default:
      return v;
  }
}
