import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A real pseudo-terminal for CLI tests: a private tmux server (own socket name) with one bash window.
 * Every wait is bounded and ends with the screen in the error message.
 */
const TMUX = '/usr/bin/tmux';

export class TmuxTerminal {
  private readonly socket = `qactor-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(columns = 120, rows = 30) {
    if (!existsSync(TMUX)) throw new Error(`tmux not found at ${TMUX}: install Debian's package (apt-get install -y tmux)`);
    this.tmux('new-session', '-d', '-s', 'main', '-x', String(columns), '-y', String(rows), 'bash --norc --noprofile');
  }

  /** Types a command line and presses Enter. */
  run(commandLine: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', commandLine);
    this.tmux('send-keys', '-t', 'main', 'Enter');
  }

  /** Sends a key such as `C-c`. */
  key(name: string): void {
    this.tmux('send-keys', '-t', 'main', name);
  }

  /** The visible screen and scrollback, wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'main');
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.screen());
      if (match !== null) return match;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on the terminal:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync(TMUX, ['-L', this.socket, ...args], { encoding: 'utf8', timeout: 10_000 });
  }
}
