#!/usr/bin/env node
/**
 * The command line: the only place argv is parsed. `qactor serve` starts a node; the process prints
 * `listening on http://HOST:PORT` when it accepts requests (on stdout: a JSON line with a `url` field, or
 * `qactor NODE listening on URL` with `--log-format text`) and shuts down gracefully on SIGINT/SIGTERM.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, resolveConfig, type IndexLoad, type QactorConfig } from './config.js';
import { registerLoadCommand } from './cli/load-command.js';
import { registerMachineCommand } from './cli/machine-command.js';
import { registerQueryCommand } from './cli/query-command.js';
import { startQactor } from './main.js';
import { LOG_FORMATS, LOG_LEVELS, errorFields, type LogFormat, type LogLevel } from './runtime/log.js';
import { createLog, jsonLine } from './runtime/log-formats.js';
import { addUser, readNewPassword } from './security/users-command.js';
import { UsersFileError } from './security/users-file.js';

const program = new Command();
program.name('qactor').description('Async ES|QL query runtime with an Elasticsearch-compatible API');

program
  .command('serve')
  .description('start a qactor node (embedded: in-memory status bus and result store)')
  .option('--host <host>', 'address to bind (default 127.0.0.1)')
  .option('--port <port>', 'port to listen on, 0 for any free port (default 9200)', intArg)
  .option('--node-name <name>', 'this node\'s name, used in query ids and status events')
  .option('--redis <url>', 'cluster mode: share queries with the other nodes on this Redis (redis://HOST:PORT)')
  .option('--load <index=file>', 'load a CSV (typed header) or NDJSON file as an index; repeatable', collectLoad, [])
  .option('--load-dir <dir>', 'load every *.csv / *.ndjson in a directory, index named after the file; repeatable', collect, [])
  .option('--demo', 'generate the `logs` demo index (deterministic)')
  .option('--demo-rows <n>', 'rows in the demo index (default 2000000)', intArg)
  .option('--demo-seed <n>', 'seed of the demo generator (default 42)', intArg)
  .option('--test-functions', 'enable test-only functions such as DELAY(duration)')
  .option('--max-running <n>', 'queries running at once; more wait in `submitted` (default 16)', intArg)
  .option('--max-running-per-user <n>', 'queries one authenticated user may run at once (default: half of --max-running)', intArg)
  .option('--stop-grace <ms>', 'how long a stop waits for the pipeline to drain (default 5000)', intArg)
  .option('--checkpoint-interval <ms>', 'cluster mode: how often running queries are checkpointed, 100..3600000 (default 1000)', intArg)
  .option('--data-dir <dir>', 'persist indices created through the ingest API in this directory; reloaded at start')
  .option('--workers <n>', 'worker threads that split one query across cores (0..64; default 0: main thread only)', intArg)
  .option('--users <file>', 'require authentication: users file written by `qactor users add` (Basic auth, API keys)')
  .addOption(new Option('--insecure', 'allow binding a non-loopback address without authentication'))
  .addOption(new Option('--log-format <format>', 'json: one JSON object per line on stdout (default); text: for a terminal, on stderr').choices(LOG_FORMATS))
  .addOption(new Option('--log-level <level>', 'least severe level logged (default info)').choices(LOG_LEVELS))
  .action(async (opts: ServeOptions) => {
    let config: QactorConfig;
    try {
      config = resolveConfig({
        host: opts.host,
        port: opts.port,
        nodeName: opts.nodeName,
        loads: opts.load,
        loadDirs: opts.loadDir,
        demo: opts.demo ?? false,
        demoRows: opts.demoRows,
        demoSeed: opts.demoSeed,
        testFunctions: opts.testFunctions ?? false,
        maxRunningQueries: opts.maxRunning,
        maxRunningPerUser: opts.maxRunningPerUser,
        stopGraceMs: opts.stopGrace,
        checkpointIntervalMs: opts.checkpointInterval,
        insecure: opts.insecure ?? false,
        redisUrl: opts.redis,
        usersFile: opts.users,
        logFormat: opts.logFormat,
        logLevel: opts.logLevel,
        dataDir: opts.dataDir,
        workers: opts.workers,
      });
    } catch (e) {
      if (e instanceof ConfigError) {
        process.stderr.write(`qactor: ${e.message}\n`);
        process.exit(2);
      }
      throw e;
    }
    const json = config.logFormat === 'json';
    // JSON lines go to stdout, the stream a container log collector reads; text stays off the way of stdout.
    const out = json ? process.stdout : process.stderr;
    const log = createLog({ format: config.logFormat, level: config.logLevel, node: config.nodeName, write: (line) => out.write(`${line}\n`) });
    const node = await startQactor(config, { log });
    // Written whatever the level: scripts and tests wait for this line to learn the URL.
    const listening = `listening on ${node.url}`;
    process.stdout.write(
      json
        ? `${jsonLine({ timeMs: Date.now(), level: 'info', message: listening, fields: { url: node.url } }, config.nodeName)}\n`
        : `qactor ${config.nodeName} ${listening}\n`,
    );
    let closing = false;
    const shutdown = (signal: string) => {
      if (closing) process.exit(1); // a second signal: give up waiting
      closing = true;
      log.info('shutting down: stopping running queries', { signal });
      node.close().then(
        () => {
          log.info('shut down');
          process.exit(0);
        },
        (err: unknown) => {
          log.error('shutdown failed', errorFields(err, true));
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  });

interface ServeOptions {
  host?: string;
  port?: number;
  nodeName?: string;
  load: IndexLoad[];
  loadDir: string[];
  demo?: boolean;
  demoRows?: number;
  demoSeed?: number;
  testFunctions?: boolean;
  maxRunning?: number;
  maxRunningPerUser?: number;
  stopGrace?: number;
  checkpointInterval?: number;
  insecure?: boolean;
  redis?: string;
  users?: string;
  logFormat?: LogFormat;
  logLevel?: LogLevel;
  dataDir?: string;
  workers?: number;
}

const users = program.command('users').description('manage the users file of --users');
users
  .command('add <name>')
  .description('add or replace a user (password prompted, or read from stdin)')
  .requiredOption('--users <file>', 'the users file (created if missing)')
  .option('--role <role>', 'role to grant (superuser, user, task_canceller, or one defined in the file); repeatable', collect, [])
  .option('--password-stdin', 'read the password from stdin instead of prompting')
  .action(async (name: string, opts: { users: string; role: string[]; passwordStdin?: boolean }) => {
    try {
      const password = await readNewPassword(opts.passwordStdin ?? false);
      const { created } = await addUser(name, { usersFile: opts.users, roles: opts.role, password });
      process.stderr.write(`qactor: ${created ? 'added' : 'updated'} user [${name}] in ${opts.users}\n`);
    } catch (e) {
      if (!(e instanceof UsersFileError)) throw e;
      process.stderr.write(`qactor: ${e.message}\n`);
      process.exit(2);
    }
  });

function intArg(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a non-negative integer');
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectLoad(value: string, previous: IndexLoad[]): IndexLoad[] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError('expected INDEX=FILE');
  return [...previous, { index: value.slice(0, eq), file: value.slice(eq + 1) }];
}

registerQueryCommand(program);
registerMachineCommand(program);
registerLoadCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`qactor: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
