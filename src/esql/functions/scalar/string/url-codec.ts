import { illegalArgumentFailure } from '../support/eval-failure.js';
import { STRING } from '../support/param.js';
import { fixed, scalarFunction } from '../support/scalar-function.js';

/** Java's URLEncoder (form encoding): unreserved a-zA-Z0-9 . - * _ kept, space -> '+'. */
function formEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
    .replace(/%2A/g, '*');
}

/** RFC 3986 component encoding: unreserved a-zA-Z0-9 - . _ ~ kept, space -> %20. */
function componentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw illegalArgumentFailure(`URLDecoder: Illegal hex characters in escape (%) pattern`);
  }
}

function unary(name: string, fn: (s: string) => string) {
  return scalarFunction({
    name,
    minArgs: 1,
    params: [STRING],
    result: fixed('keyword'),
    kernel: () => (v) => fn(v[0] as string),
  });
}

export const urlEncode = unary('url_encode', formEncode);
export const urlEncodeComponent = unary('url_encode_component', componentEncode);
export const urlDecode = unary('url_decode', formDecode);
