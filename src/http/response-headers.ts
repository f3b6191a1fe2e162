import type { FastifyReply } from 'fastify';
import type { AsyncQueryView } from '../runtime/query-runtime.js';

/**
 * Headers ES sets on ES|QL responses. `X-Elasticsearch-Async-Is-Running` is an RFC 8941 boolean
 * (`?1` / `?0`); the id header is absent when the query finished without being stored.
 */
export const ASYNC_ID_HEADER = 'X-Elasticsearch-Async-Id';
export const ASYNC_IS_RUNNING_HEADER = 'X-Elasticsearch-Async-Is-Running';

export function setAsyncHeaders(reply: FastifyReply, view: AsyncQueryView): void {
  if (view.id !== undefined) reply.header(ASYNC_ID_HEADER, view.id);
  reply.header(ASYNC_IS_RUNNING_HEADER, view.isRunning ? '?1' : '?0');
}

/** `Warning: 299 Elasticsearch-<version>-qactor "<text>"`, one header per warning, in order. */
export function setWarningHeaders(reply: FastifyReply, warnings: readonly string[], version: string): void {
  if (warnings.length === 0) return;
  reply.header(
    'Warning',
    warnings.map((w) => `299 Elasticsearch-${version}-qactor "${escapeWarningText(w)}"`),
  );
}

/**
 * ES's `HeaderWarning.escapeAndEncode`: quote and backslash are escaped; characters a header cannot
 * carry are percent-encoded as UTF-8. `%` itself is left alone because the engine's warning texts
 * already encode it where ES does.
 */
export function escapeWarningText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (code === 0x09 || (code >= 0x20 && code <= 0x7e)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
