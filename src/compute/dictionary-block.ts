import { type Block, type BlockDictionary, NULL_ORDINAL } from './block.js';
import type { DataType } from './data-type.js';

/**
 * A Block in dictionary form: `dictionary` holds the data, and `values` (the `string[]` every other
 * consumer reads) is built from it on first access and cached on the block. `values` is an own,
 * enumerable getter, so a spread copy (`{ ...block, type }`) still carries values and dictionary.
 */
export function dictionaryBlock(
  type: DataType,
  positionCount: number,
  dictionary: BlockDictionary,
  nulls?: Uint8Array,
  firstValueIndexes?: Int32Array,
  mvSorted?: boolean,
): Block {
  let materialised: string[] | undefined;
  const block: { -readonly [K in keyof Block]: Block[K] } = {
    type,
    positionCount,
    dictionary,
    get values(): string[] {
      return (materialised ??= termsOf(dictionary));
    },
  };
  if (nulls !== undefined) block.nulls = nulls;
  if (firstValueIndexes !== undefined) block.firstValueIndexes = firstValueIndexes;
  if (mvSorted === true) block.mvSorted = true;
  return block;
}

/** The same block with a fresh `values` cache: stored segments hand these out so a query never caches strings on them. */
export function freshDictionaryView(b: Block): Block {
  const d = b.dictionary as BlockDictionary;
  return dictionaryBlock(b.type, b.positionCount, d, b.nulls, b.firstValueIndexes, b.mvSorted);
}

/** `terms[ordinal]` per value; '' at null placeholders (NULL_ORDINAL), as a plain block holds. */
function termsOf(d: BlockDictionary): string[] {
  const ords = d.ordinals;
  const terms = d.terms;
  const out = new Array<string>(ords.length);
  for (let i = 0; i < ords.length; i++) {
    const o = ords[i];
    out[i] = o === NULL_ORDINAL ? '' : terms[o];
  }
  return out;
}
