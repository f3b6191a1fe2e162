import { existsSync } from 'node:fs';
import { request } from 'node:http';

/**
 * The few calls of the Docker-compatible engine API (DOCKER_HOST, else /var/run/docker.sock) that the
 * compose test needs, over plain node:http: image lookup, the containers of a compose project, and Podman's
 * own healthcheck endpoint.
 */
export interface ContainerSummary {
  readonly Id: string;
  readonly Names: readonly string[];
  readonly State: string;
  /** e.g. `Up 3 seconds (healthy)`. */
  readonly Status: string;
  readonly Labels: Readonly<Record<string, string>>;
}

export interface ContainerDetails {
  readonly Name: string;
  readonly Config: {
    readonly User: string;
    readonly Labels: Readonly<Record<string, string>>;
    readonly Healthcheck?: { readonly Test: readonly string[] };
  };
  readonly State: {
    readonly Running: boolean;
    readonly Health?: { readonly Status: string; readonly Log?: readonly { readonly Output: string }[] };
  };
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** Whether tests should expect an engine: DOCKER_HOST is set or Docker's default socket exists. */
export function containerEngineConfigured(): boolean {
  return (process.env.DOCKER_HOST ?? '') !== '' || existsSync('/var/run/docker.sock');
}

export class ContainerEngine {
  private readonly target: { socketPath: string } | { host: string; port: number };

  constructor(readonly dockerHost = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock') {
    const url = new URL(dockerHost);
    this.target =
      url.protocol === 'unix:' ? { socketPath: url.pathname } : { host: url.hostname, port: Number(url.port || 2375) };
  }

  /** Throws a message naming DOCKER_HOST when the engine does not answer. */
  async ping(): Promise<void> {
    const answer = await this.call('GET', '/_ping').catch((err: unknown) => ({ status: 0, body: String(err) }));
    if (answer.status !== 200) {
      throw new Error(`container engine at ${this.dockerHost} does not answer /_ping: ${answer.status} ${answer.body}`);
    }
  }

  /** Podman schedules healthchecks with systemd timers; without systemd, someone else has to run them. */
  async isPodman(): Promise<boolean> {
    const version = JSON.parse((await this.call('GET', '/version')).body) as { Components?: { Name: string }[] };
    return (version.Components ?? []).some((c) => /podman/i.test(c.Name));
  }

  /** The image's id, or undefined when the engine does not have it. */
  async imageId(name: string): Promise<string | undefined> {
    const answer = await this.call('GET', `/images/${encodeURIComponent(name)}/json`);
    if (answer.status === 404) return undefined;
    return (this.json(answer) as { Id: string }).Id;
  }

  /** Ids and tags of the images whose name matches `reference` (e.g. `localhost/qactor`). */
  async images(reference: string): Promise<{ Id: string; RepoTags: string[] | null }[]> {
    const filters = encodeURIComponent(JSON.stringify({ reference: [reference] }));
    return this.json(await this.call('GET', `/images/json?filters=${filters}`)) as { Id: string; RepoTags: string[] | null }[];
  }

  /** Removes an image by name; an image still used by a container stays (the engine answers 409). */
  async removeImage(name: string): Promise<void> {
    await this.call('DELETE', `/images/${encodeURIComponent(name)}`);
  }

  /** Removes the untagged images that carry `label` (intermediate build images). */
  async pruneUntagged(label: string): Promise<void> {
    const filters = encodeURIComponent(JSON.stringify({ dangling: ['true'], label: [label] }));
    await this.call('POST', `/images/prune?filters=${filters}`);
  }

  async projectContainers(project: string): Promise<ContainerSummary[]> {
    const filters = encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${project}`] }));
    return this.json(await this.call('GET', `/containers/json?all=true&filters=${filters}`)) as ContainerSummary[];
  }

  async inspect(id: string): Promise<ContainerDetails> {
    return this.json(await this.call('GET', `/containers/${id}/json`)) as ContainerDetails;
  }

  /** Runs the container's HEALTHCHECK once and records the result, as `podman healthcheck run` does. */
  async runHealthcheck(id: string): Promise<void> {
    await this.call('GET', `/v4.0.0/libpod/containers/${id}/healthcheck`);
  }

  private json(answer: Answer): unknown {
    if (answer.status >= 300) throw new Error(`container engine answered ${answer.status}: ${answer.body}`);
    return JSON.parse(answer.body);
  }

  private call(method: string, path: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({ ...this.target, method, path, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer from the engine in 30 s`)));
      req.on('error', reject);
      req.end();
    });
  }
}
