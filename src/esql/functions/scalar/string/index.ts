import type { FunctionDefinition } from '../../function-definition.js';
import { fromBase64, toBase64 } from './base64.js';
import { bitLength, byteLength } from './byte-length.js';
import { toLower, toUpper } from './change-case.js';
import { concat } from './concat.js';
import { contains } from './contains.js';
import { hash, md5, sha1, sha256 } from './hash.js';
import { left, right } from './left-right.js';
import { length } from './length.js';
import { locate } from './locate.js';
import { repeat, space } from './repeat-space.js';
import { replace } from './replace.js';
import { reverse } from './reverse.js';
import { split } from './split.js';
import { endsWith, startsWith } from './starts-ends-with.js';
import { substring } from './substring.js';
import { ltrim, rtrim, trim } from './trim.js';
import { urlDecode, urlEncode, urlEncodeComponent } from './url-codec.js';

export const STRING_FUNCTIONS: readonly FunctionDefinition[] = [
  bitLength, byteLength, concat, contains, endsWith, fromBase64, hash, left, length, locate, ltrim, md5, repeat,
  replace, reverse, right, rtrim, sha1, sha256, space, split, startsWith, substring, toBase64, toLower, toUpper, trim,
  urlDecode, urlEncode, urlEncodeComponent,
];
