import { Command, CommanderError, Option } from 'commander';
import { progressLine } from './progress-line.js';
import { QuerySession, type SessionEnd } from './query-session.js';

/**
 * `qactor query "FROM ..."`: submits asynchronously over the WebSocket gateway, shows a progress bar
 * on a terminal, prints the result as the server renders it (`?format=`). Ctrl-C once stops the
 * query and prints the partial result; twice deletes it.
 */

/** Exit codes of `qactor query` (documented in docs/README-console.md). */
export const QUERY_EXIT = {
  ok: 0,
  /** The query failed (syntax, verification, execution) or the node could not be reached. */
  queryError: 1,
  /** Bad command line. */
  usage: 2,
  /** Deleted with a second Ctrl-C (128 + SIGINT, as shells report an interrupted command). */
  deleted: 130,
} as const;

export type ResultFormat = 'txt' | 'csv' | 'json';

export interface QueryCommandOptions {
  readonly url: string;
  readonly user?: string;
  readonly format: ResultFormat;
}

/** Where a run writes and how it hears Ctrl-C (the process in the CLI, fakes in tests). */
export interface QueryIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
  onInterrupt(handler: () => void): () => void;
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('run an ES|QL query on a qactor node: progress on a terminal, Ctrl-C stops, twice deletes')
    .argument('<esql>', 'the ES|QL query')
    .option('--url <url>', 'the node to ask', 'http://127.0.0.1:9200')
    .option('--user <name:password>', 'basic authentication (when the node has --users)')
    .addOption(new Option('--format <format>', 'result format').choices(['txt', 'csv', 'json']).default('txt'))
    .exitOverride(exitAsUsageError)
    .action(async (esql: string, opts: QueryCommandOptions) => {
      const io: QueryIo = {
        stdout: process.stdout,
        stderr: process.stderr,
        onInterrupt: (handler) => {
          process.on('SIGINT', handler);
          return () => process.off('SIGINT', handler);
        },
      };
      const code = await runQuery(esql, opts, io);
      // Exit at once: an open keep-alive socket must not hold the terminal.
      process.exit(code);
    });
}

/** Commander's own errors (unknown option, bad --format choice, missing query) are usage errors. */
export function exitAsUsageError(err: CommanderError): never {
  const helpShown = err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version';
  process.exit(helpShown ? 0 : QUERY_EXIT.usage);
}

export async function runQuery(esql: string, opts: QueryCommandOptions, io: QueryIo): Promise<number> {
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
  const authorization = opts.user === undefined ? undefined : `Basic ${Buffer.from(opts.user).toString('base64')}`;
  const tty = io.stderr.isTTY === true;
  const startedAt = Date.now();
  let latest = { state: 'submitted', rows: 0, total: null as number | null };
  const draw = () => {
    if (!tty) return;
    const line = progressLine({
      rowsProcessed: latest.rows,
      rowsTotal: latest.total,
      elapsedMs: Date.now() - startedAt,
      state: latest.state,
      columns: io.stderr.columns ?? 80,
    });
    io.stderr.write(`\r\x1b[2K${line}`);
  };
  const clear = () => {
    if (tty) io.stderr.write('\r\x1b[2K');
  };

  const session = new QuerySession({
    url: base.href,
    query: esql,
    ...(authorization === undefined ? {} : { authorization }),
    onSubmitted: (id) => {
      clear();
      if (tty) io.stderr.write(`query ${id}\n`);
      draw();
    },
    onStatus: (state, progress) => {
      latest = { state, rows: progress.rows_processed, total: progress.rows_total };
      draw();
    },
  });
  const ticker = tty ? setInterval(draw, 100) : undefined;
  let interrupts = 0;
  const stopListening = io.onInterrupt(() => {
    interrupts++;
    clear();
    if (interrupts === 1) {
      io.stderr.write('stopping the query (Ctrl-C again to delete it)...\n');
      session.stop();
    } else if (interrupts === 2) {
      io.stderr.write('deleting the query...\n');
      session.delete();
    } else {
      // Third Ctrl-C: the server did not answer; give the terminal back now.
      process.exit(QUERY_EXIT.deleted);
    }
    draw();
  });

  let end: SessionEnd;
  try {
    end = await session.ended;
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
    clear();
  }
  try {
    return await report(end, base, opts.format, authorization, io);
  } finally {
    stopListening();
  }
}

async function report(
  end: SessionEnd,
  base: URL,
  format: ResultFormat,
  authorization: string | undefined,
  io: QueryIo,
): Promise<number> {
  if (end.kind === 'error') {
    io.stderr.write(`qactor: ${end.message}\n`);
    return QUERY_EXIT.queryError;
  }
  if (end.kind === 'deleted') {
    io.stderr.write(`query ${end.id ?? ''} deleted\n`);
    return QUERY_EXIT.deleted;
  }
  // The table is rendered by the server, exactly as `GET /_query/async/{id}?format=` answers.
  const url = new URL(`/_query/async/${encodeURIComponent(end.id)}`, base);
  url.searchParams.set('format', format);
  let text: string;
  try {
    const response = await fetch(url, { headers: authorization === undefined ? {} : { authorization } });
    text = await response.text();
    if (!response.ok) {
      io.stderr.write(`qactor: fetching the result failed (HTTP ${response.status}): ${text}\n`);
      return QUERY_EXIT.queryError;
    }
  } catch (err) {
    io.stderr.write(`qactor: fetching the result failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return QUERY_EXIT.queryError;
  }
  const partial = end.body.is_partial === true;
  const note = 'PARTIAL RESULT: the query was stopped before it finished; values cover the rows read so far';
  // txt is for people: the mark goes with the table. csv/json may be piped: the mark goes to stderr.
  if (partial && format === 'txt') io.stdout.write(`${note}\n`);
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (partial && format !== 'txt') io.stderr.write(`qactor: ${note}\n`);
  return QUERY_EXIT.ok;
}
