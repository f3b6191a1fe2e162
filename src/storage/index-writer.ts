import { constantNullBlock } from '../compute/block.js';
import type { DataType } from '../compute/data-type.js';
import type { Page } from '../compute/page.js';
import { ColumnBuilder } from './column-builder.js';
import { esqlTypeOf, parseFieldValue } from './field-type.js';
import { dynamicFieldType, isObject, type JsonScalar, type MappedField } from './index-mapping.js';
import type { LoadedValue } from './multi-value-order.js';
import { SEGMENT_SIZE, type StoredIndex } from './stored-index.js';
import type { EsErrorType } from '../errors.js';

/** Why one document was refused; the bulk API reports it as that item's error. */
export interface DocumentError {
  /** A type of the error catalogue (src/errors.ts): bulk item errors speak the same language as responses. */
  readonly type: EsErrorType;
  readonly reason: string;
  readonly status: number;
}

/**
 * Appends documents to one index. Rows are buffered in per-column builders (flat values, no row
 * objects); every SEGMENT_SIZE rows the buffer is sealed into an immutable Page. `snapshot()` gives
 * a new StoredIndex sharing the sealed Pages plus one Page of the buffered tail, so queries already
 * running keep the StoredIndex they started with.
 */
export class IndexWriter {
  private readonly fields: MappedField[] = [];
  private readonly byName = new Map<string, number>();
  private builders: ColumnBuilder[] = [];
  private sealed: Page[] = [];
  private sealedRows = 0;
  private tailRows = 0;
  /** Explicit ids seen (generated ids are unique by construction): `create` must not repeat one. */
  private readonly ids = new Set<string>();
  // Per-document scratch, reused so a document costs no objects beyond its parsed JSON: every
  // source path ever seen has a slot; a slot holds values only when its stamp is the current doc's.
  private readonly slotOf = new Map<string, number>();
  private readonly slotValues: JsonScalar[][] = [];
  private readonly slotStamp: number[] = [];
  private readonly slotPaths: string[] = [];
  private readonly fieldSlot: number[] = [];
  private readonly docSlots: number[] = [];
  private stamp = 0;
  private readonly converted: LoadedValue[] = [];
  private readonly convertedStart: number[] = [];

  constructor(
    readonly name: string,
    mapped: readonly MappedField[] = [],
  ) {
    for (const f of mapped) this.addField(f);
  }

  /** A writer continuing an index loaded some other way (a CSV at startup): its segments stay as they are. */
  static continuing(index: StoredIndex): IndexWriter {
    const w = new IndexWriter(index.name);
    for (const c of index.columns) {
      w.addField({ name: c.name, fieldType: fieldTypeOf(c.type), source: c.name });
    }
    w.sealed = [...index.segments];
    w.sealedRows = index.rowCount;
    return w;
  }

  get rowCount(): number {
    return this.sealedRows + this.tailRows;
  }

  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  /** Appends one document, or returns why it cannot be indexed (and then changes nothing). */
  append(doc: unknown, id: string, explicitId: boolean): DocumentError | undefined {
    if (!isObject(doc)) return parseError(`failed to parse: document with id '${id}' is not a JSON object`);
    this.stamp++;
    this.docSlots.length = 0;
    this.flatten(doc, '');
    const fieldCount = this.fields.length;
    let added: MappedField[] | undefined;
    for (const slot of this.docSlots) {
      if (this.byName.has(this.slotPath(slot))) continue;
      (added ??= []).push({ name: this.slotPath(slot), fieldType: dynamicFieldType(this.slotValues[slot][0]), source: this.slotPath(slot) });
    }
    // Convert everything first: a document is indexed whole or not at all.
    const converted = this.converted;
    const starts = this.convertedStart;
    converted.length = 0;
    const total = fieldCount + (added?.length ?? 0);
    for (let i = 0; i < total; i++) {
      const f = i < fieldCount ? this.fields[i] : added![i - fieldCount];
      starts[i] = converted.length;
      const slot = i < fieldCount ? this.fieldSlot[i] : this.slotOf.get(f.source)!;
      if (this.slotStamp[slot] !== this.stamp) continue;
      const vs = this.slotValues[slot];
      for (let k = 0; k < vs.length; k++) {
        try {
          converted.push(convert(f.fieldType, vs[k]));
        } catch {
          return parseError(
            `failed to parse field [${f.name}] of type [${f.fieldType}] in document with id '${id}'. ` +
              `Preview of field's value: '${String(vs[k])}'`,
          );
        }
      }
    }
    starts[total] = converted.length;
    if (added !== undefined) for (const f of added) this.addField(f);
    for (let i = 0; i < total; i++) {
      const from = starts[i];
      const n = starts[i + 1] - from;
      const b = this.builders[i];
      if (n === 0) b.appendNull();
      else if (n === 1) b.appendValue(converted[from]);
      else b.appendMulti(converted.slice(from, from + n));
    }
    if (explicitId) this.ids.add(id);
    if (++this.tailRows === SEGMENT_SIZE) this.seal();
    return undefined;
  }

  /** The index as it is now: sealed segments shared, the tail copied into one more Page. */
  snapshot(): StoredIndex {
    const segments = this.tailRows === 0 ? [...this.sealed] : [...this.sealed, this.tailPage()];
    return {
      name: this.name,
      columns: this.fields.map((f, i) => ({ name: f.name, type: this.builders[i].type })),
      rowCount: this.rowCount,
      segments,
    };
  }

  private tailPage(): Page {
    return { positionCount: this.tailRows, blocks: this.builders.map((b) => b.block(0, this.tailRows)) };
  }

  private seal(): void {
    this.sealed.push(this.tailPage());
    this.sealedRows += this.tailRows;
    this.tailRows = 0;
    // The next segment's builders share each column's dictionary: one term list per stored column.
    this.builders = this.builders.map((b) => new ColumnBuilder(b.type, b.dictionary ?? undefined));
  }

  /** Objects become dotted paths, arrays multi-values, nulls nothing (as ES indexes a document). */
  private flatten(obj: Record<string, unknown>, prefix: string): void {
    for (const key of Object.keys(obj)) this.collect(obj[key], prefix === '' ? key : prefix + key);
  }

  private collect(value: unknown, path: string): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value) this.collect(v, path);
      return;
    }
    if (typeof value === 'object') {
      this.flatten(value as Record<string, unknown>, `${path}.`);
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
    const slot = this.slot(path);
    if (this.slotStamp[slot] !== this.stamp) {
      this.slotStamp[slot] = this.stamp;
      this.slotValues[slot].length = 0;
      this.docSlots.push(slot);
    }
    this.slotValues[slot].push(value);
  }

  private slot(path: string): number {
    let slot = this.slotOf.get(path);
    if (slot === undefined) {
      slot = this.slotValues.length;
      this.slotOf.set(path, slot);
      this.slotValues.push([]);
      this.slotStamp.push(0);
      this.slotPaths.push(path);
    }
    return slot;
  }

  private slotPath(slot: number): string {
    return this.slotPaths[slot];
  }

  /** A new column: null in every row written before it. */
  private addField(f: MappedField): void {
    const type = esqlTypeOf(f.fieldType);
    this.byName.set(f.name, this.fields.length);
    this.fields.push(f);
    this.fieldSlot.push(this.slot(f.source));
    const b = new ColumnBuilder(type);
    for (let r = 0; r < this.tailRows; r++) b.appendNull();
    this.builders.push(b);
    this.sealed = this.sealed.map((p) => ({
      positionCount: p.positionCount,
      blocks: [...p.blocks, constantNullBlock(type, p.positionCount)],
    }));
  }
}

/** The mapping type that reads back as `type` (the inverse of esqlTypeOf for stored columns). */
function fieldTypeOf(type: DataType): string {
  return type === 'datetime' ? 'date' : type === 'null' ? 'keyword' : type;
}

const parseError = (reason: string): DocumentError => ({ type: 'document_parsing_exception', reason, status: 400 });

/** A value as the document gave it, narrowed to the field type (JSON numbers skip the text round trip). */
function convert(fieldType: string, v: JsonScalar): LoadedValue {
  if (typeof v === 'number' && (fieldType === 'long' || fieldType === 'double') && Number.isFinite(v)) {
    return fieldType === 'long' ? Math.trunc(v) + 0 : v;
  }
  if (typeof v === 'string' && (fieldType === 'keyword' || fieldType === 'text')) return v;
  return parseFieldValue(fieldType, typeof v === 'string' ? v.trim() : String(v));
}
