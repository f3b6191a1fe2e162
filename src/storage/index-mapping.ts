import { isFieldType } from './field-type.js';

/** A JSON scalar as a bulk document holds it. */
export type JsonScalar = string | number | boolean;

/** One mapped field: its column name, its ES field type, and the source path it reads. */
export interface MappedField {
  readonly name: string;
  readonly fieldType: string;
  /** The document path the value comes from: the field itself, or the parent of a multi-field. */
  readonly source: string;
}

/** Thrown for a mapping ES would reject (`mapper_parsing_exception`). */
export class MappingError extends Error {}

/**
 * The fields of a `PUT /{index}` body's `mappings.properties`: objects nest with dots (as ES maps
 * object fields), `fields` declares multi-fields (`name.keyword`) that read the parent's value.
 */
export function parseMappings(body: unknown): MappedField[] {
  const mappings = isObject(body) ? body.mappings : undefined;
  if (mappings === undefined) return [];
  if (!isObject(mappings)) throw new MappingError('Failed to parse mapping: [mappings] must be an object');
  const fields: MappedField[] = [];
  if (mappings.properties !== undefined) collect(mappings.properties, '', fields);
  return fields;
}

function collect(properties: unknown, prefix: string, out: MappedField[]): void {
  if (!isObject(properties)) throw new MappingError(`Failed to parse mapping: [properties] must be an object`);
  for (const [key, def] of Object.entries(properties)) {
    const name = prefix + key;
    if (!isObject(def)) throw new MappingError(`Expected map for property [${name}] but got a ${typeof def}`);
    const type = def.type ?? (def.properties !== undefined ? 'object' : undefined);
    if (type === 'object' || type === 'nested') {
      if (def.properties !== undefined) collect(def.properties, `${name}.`, out);
      continue;
    }
    if (typeof type !== 'string' || !isFieldType(type) || type === 'datetime') {
      throw new MappingError(`No handler for type [${typeText(type)}] declared on field [${name}]`);
    }
    out.push({ name, fieldType: type, source: name });
    if (def.fields === undefined) continue;
    if (!isObject(def.fields)) throw new MappingError(`[fields] of [${name}] must be an object`);
    for (const [sub, subDef] of Object.entries(def.fields)) {
      const subType = isObject(subDef) ? subDef.type : undefined;
      if (typeof subType !== 'string' || !isFieldType(subType) || subType === 'datetime') {
        throw new MappingError(`No handler for type [${typeText(subType)}] declared on field [${name}.${sub}]`);
      }
      out.push({ name: `${name}.${sub}`, fieldType: subType, source: name });
    }
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * The field type an unmapped field gets from its first value, as the NDJSON loader infers it:
 * boolean, long for integral numbers (a later document may not fit an int32, as ES's dynamic
 * mapping also assumes), double with a fraction, date for an ISO-8601 string, else keyword.
 */
export function dynamicFieldType(v: JsonScalar): string {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'double';
  return ISO_DATE.test(v) && !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v.replace(' ', 'T'))) ? 'date' : 'keyword';
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const typeText = (t: unknown): string => (typeof t === 'string' ? t : JSON.stringify(t) ?? 'null');
