import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { csvDocuments, type CsvDocuments } from '../storage/csv-documents.js';
import { exitAsUsageError, QUERY_EXIT } from './query-command.js';

/**
 * `qactor load INDEX FILE`: sends a CSV (typed csv-spec header) or NDJSON file to a node through
 * `POST /{index}/_bulk` in batches, as any Elasticsearch client would. The file is streamed line by
 * line, so its size is bounded by the server, not by this process.
 */

export interface LoadOptions {
  readonly url: string;
  readonly user?: string;
  /** Documents per bulk request. */
  readonly batch: number;
}

export interface LoadIo {
  readonly stderr: NodeJS.WritableStream;
}

export function registerLoadCommand(program: Command): void {
  program
    .command('load')
    .description('load a CSV (typed header) or NDJSON file into an index through the bulk API')
    .argument('<index>', 'the index to create or append to')
    .argument('<file>', 'a .csv (name:type header) or .ndjson file')
    .option('--url <url>', 'the node to load into', 'http://127.0.0.1:9200')
    .option('--user <name:password>', 'basic authentication (when the node has --users)')
    .option('--batch <n>', 'documents per bulk request', (v) => Number(v), 5000)
    .exitOverride(exitAsUsageError)
    .action(async (index: string, file: string, opts: LoadOptions) => {
      process.exit(await runLoad(index, file, opts, { stderr: process.stderr }));
    });
}

/** Loads the file; the exit code (0 every document indexed, 1 errors or node unreachable, 2 usage). */
export async function runLoad(index: string, file: string, opts: LoadOptions, io: LoadIo): Promise<number> {
  let base: URL;
  try {
    base = new URL(opts.url);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not http');
  } catch {
    io.stderr.write(`qactor: --url must be an http(s) URL, got [${opts.url}]\n`);
    return QUERY_EXIT.usage;
  }
  if (opts.user !== undefined && !opts.user.includes(':')) {
    io.stderr.write('qactor: --user must be NAME:PASSWORD\n');
    return QUERY_EXIT.usage;
  }
  if (!Number.isInteger(opts.batch) || opts.batch < 1) {
    io.stderr.write('qactor: --batch must be a positive integer\n');
    return QUERY_EXIT.usage;
  }
  if (!existsSync(file)) {
    io.stderr.write(`qactor: no such file [${file}]\n`);
    return QUERY_EXIT.usage;
  }
  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson' };
  if (opts.user !== undefined) headers.authorization = `Basic ${Buffer.from(opts.user).toString('base64')}`;
  const send = async (method: string, path: string, body: string) => {
    const res = await fetch(new URL(path, base), { method, headers, body });
    return { status: res.status, body: (await res.json()) as BulkAnswer };
  };
  const csv = /\.csv$/i.test(file);
  let loader: CsvDocuments | undefined;
  let batch: string[] = [];
  let docs = 0;
  let failed = 0;
  const target = encodeURIComponent(index);
  const flush = async () => {
    if (batch.length === 0) return;
    const { status, body } = await send('POST', `/${target}/_bulk`, `${batch.join('\n')}\n`);
    batch = [];
    if (status !== 200) throw new LoadError(`bulk request failed (${status}): ${reasonOf(body)}`);
    for (const item of body.items ?? []) {
      const r = Object.values(item)[0];
      if (r.error === undefined) continue;
      if (failed++ < 10) io.stderr.write(`qactor: document [${r._id}]: ${r.error.type}: ${r.error.reason}\n`);
    }
  };
  try {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const raw of lines) {
      lineNo++;
      const line = raw.trim();
      if (line === '' || (csv && (line.startsWith('//') || line.startsWith('#')))) continue;
      if (csv && loader === undefined) {
        loader = csvDocuments(line);
        const created = await send('PUT', `/${target}`, JSON.stringify({ mappings: loader.mappings }));
        // An existing index is appended to, as the bulk API would.
        if (created.status !== 200 && created.body.error?.type !== 'resource_already_exists_exception') {
          throw new LoadError(`creating [${index}] failed (${created.status}): ${reasonOf(created.body)}`);
        }
        continue;
      }
      if (csv) {
        const [id, doc] = loader!.document(line, lineNo);
        batch.push(JSON.stringify({ index: id === undefined ? {} : { _id: id } }), JSON.stringify(doc));
      } else {
        batch.push('{"index":{}}', line);
      }
      if (++docs % opts.batch === 0) await flush();
    }
    await flush();
  } catch (e) {
    io.stderr.write(`qactor: ${e instanceof Error ? e.message : String(e)}\n`);
    return QUERY_EXIT.queryError;
  }
  io.stderr.write(`qactor: loaded ${docs - failed} of ${docs} documents into [${index}]\n`);
  return failed === 0 ? QUERY_EXIT.ok : QUERY_EXIT.queryError;
}

interface BulkAnswer {
  items?: Record<string, { _id: string; error?: { type: string; reason: string } }>[];
  error?: { type: string; reason: string };
}

class LoadError extends Error {}

const reasonOf = (body: BulkAnswer) => (body.error === undefined ? JSON.stringify(body) : `${body.error.type}: ${body.error.reason}`);
