import { spawn } from 'node:child_process';

/**
 * One `docker-compose` project (Compose v1, Debian's docker-compose package: it speaks to any Docker-compatible
 * engine through DOCKER_HOST, rootful Podman included). Every command has a deadline; a failure carries the
 * end of the command's output.
 */
export class ComposeProject {
  constructor(
    readonly name: string,
    private readonly options: { cwd: string; files: readonly string[]; env: Readonly<Record<string, string>> },
  ) {}

  build(service: string, timeoutMs: number): Promise<string> {
    return this.run(['build', service], timeoutMs);
  }

  /** Creates and starts every service from existing images (`build` first); returns once compose does. */
  up(timeoutMs: number): Promise<string> {
    return this.run(['up', '--detach', '--no-build'], timeoutMs);
  }

  /** Removes the project's containers, network and volumes. */
  down(timeoutMs: number): Promise<string> {
    return this.run(['down', '--volumes', '--remove-orphans', '--timeout', '5'], timeoutMs);
  }

  logs(tail: number, timeoutMs: number): Promise<string> {
    return this.run(['logs', '--no-color', '--tail', String(tail)], timeoutMs);
  }

  private run(args: readonly string[], timeoutMs: number): Promise<string> {
    const argv = ['--project-name', this.name, ...this.options.files.flatMap((f) => ['--file', f]), ...args];
    const command = `docker-compose ${args.join(' ')}`;
    return new Promise((resolve, reject) => {
      const child = spawn('docker-compose', argv, {
        cwd: this.options.cwd,
        env: { ...process.env, ...this.options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const collect = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-20_000);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', (err) => {
        clearTimeout(timer);
        const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new Error(missing ? 'docker-compose is not installed (apt-get install docker-compose)' : String(err)));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve(output);
        else {
          const why = signal === 'SIGKILL' ? `did not finish in ${timeoutMs} ms` : `exited with ${code ?? signal}`;
          reject(new Error(`${command} ${why}:\n${output.slice(-3_000)}`));
        }
      });
    });
  }
}
