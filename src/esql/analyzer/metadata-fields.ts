import type { DataType } from '../../compute/data-type.js';

/** Metadata fields `FROM ... METADATA` can add, with their types. */
export const METADATA_FIELDS: Readonly<Record<string, DataType>> = {
  _index: 'keyword',
  _id: 'keyword',
  _version: 'long',
  _score: 'double',
};
