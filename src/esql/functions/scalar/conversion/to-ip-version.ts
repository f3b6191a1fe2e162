import { illegalArgumentFailure } from '../support/eval-failure.js';
import { conversionFunction } from '../support/conversion-function.js';
import type { Value } from '../support/output-builders.js';
import { canonicalIp } from '../support/ip.js';

function parseIpValue(v: Value): string {
  const ip = canonicalIp(v as string);
  if (ip === undefined) throw illegalArgumentFailure(`'${v as string}' is not an IP string literal.`);
  return ip;
}

/** TO_IP: parses and canonicalises ip text. */
export const toIp = conversionFunction({
  name: 'to_ip',
  result: 'ip',
  from: { ip: 'identity', keyword: parseIpValue, text: parseIpValue },
});

/** TO_VERSION: any string is a version (non-semver ones sort last). */
export const toVersion = conversionFunction({
  name: 'to_version',
  aliases: ['to_ver'],
  result: 'version',
  from: { version: 'identity', keyword: (v) => v, text: (v) => v },
});
