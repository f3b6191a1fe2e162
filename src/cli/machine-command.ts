import type { Command } from 'commander';
import { queryMachine } from '../../machines/query.machine.js';
import { machineGraph } from '../web/machine-graph.js';
import { toMermaid } from '../web/mermaid-diagram.js';
import { exitAsUsageError, QUERY_EXIT } from './query-command.js';

/**
 * `qactor machine --json|--mermaid`: the query machine's definition, for the Stately visualizer
 * (`--json`: XState's own `machine.toJSON()`) or for Mermaid (`--mermaid`: a stateDiagram-v2).
 */
export function registerMachineCommand(program: Command): void {
  program
    .command('machine')
    .description('print the query state machine: --json (XState definition) or --mermaid (stateDiagram-v2)')
    .option('--json', "XState's JSON definition of the machine")
    .option('--mermaid', 'a Mermaid stateDiagram-v2')
    .exitOverride(exitAsUsageError)
    .action((opts: { json?: boolean; mermaid?: boolean }) => {
      if (opts.json === opts.mermaid) {
        process.stderr.write('qactor machine: give exactly one of --json or --mermaid\n');
        process.exit(QUERY_EXIT.usage);
      }
      process.stdout.write(machineText(opts.json === true ? 'json' : 'mermaid'));
    });
}

export function machineText(kind: 'json' | 'mermaid'): string {
  if (kind === 'mermaid') return toMermaid(machineGraph(queryMachine));
  return `${JSON.stringify(queryMachine.toJSON(), null, 2)}\n`;
}
