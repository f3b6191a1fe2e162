import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { ComposeProject } from './compose-project.js';
import { ContainerEngine, containerEngineConfigured, type ContainerDetails } from './container-engine.js';
import { scheduleHealthchecks, waitHealthy } from './project-health.js';
import { ensureQactorImage, qactorImageName } from './qactor-image.js';

/**
 * The image of docker/Dockerfile, run as docker/compose.yaml's topology (Redis + 3 nodes) through the
 * container engine CI provides (../shared/ci/container-engine.sh, then docker/node-base-image.sh for the
 * node:20 base). test/docker/compose.test.yaml only adds --test-functions (DELAY) and a smaller demo index.
 * Without an engine this fails in CI; elsewhere it is skipped.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IN_CI = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
const HAVE_ENGINE = containerEngineConfigured();
// 20,000 demo rows at 10 ms each: minutes, unless stopped.
const SLOW = 'FROM logs | EVAL d = DELAY(10ms) | STATS c = COUNT(*)';

const engine = new ContainerEngine();
const project = `qactortest${randomBytes(4).toString('hex')}`;
let compose: ComposeProject | undefined;
let healthchecks: { stop(): Promise<void> } | undefined;
let containers: ContainerDetails[] = [];
const ports = { a: 0, b: 0, c: 0 };

describe.skipIf(!HAVE_ENGINE && !IN_CI)('docker/compose.yaml: Redis + 3 qactor nodes in containers', () => {
  beforeAll(async () => {
    if (!HAVE_ENGINE) {
      throw new Error(
        'CI is set but no container engine is configured (DOCKER_HOST unset, no /var/run/docker.sock): ' +
          'CI must `source ../shared/ci/container-engine.sh` and run `bash docker/node-base-image.sh` first',
      );
    }
    await engine.ping();
    const image = await qactorImageName(engine, ROOT);
    [ports.a, ports.b, ports.c] = await Promise.all([freePort(), freePort(), freePort()]);
    compose = new ComposeProject(project, {
      cwd: ROOT,
      files: ['docker/compose.yaml', 'test/docker/compose.test.yaml'],
      env: {
        QACTOR_IMAGE: image,
        QACTOR_PORT_A: String(ports.a),
        QACTOR_PORT_B: String(ports.b),
        QACTOR_PORT_C: String(ports.c),
      },
    });
    const building = Date.now();
    const how = await ensureQactorImage(engine, compose, image, 300_000);
    console.info(`[compose test] ${how} ${image} in ${((Date.now() - building) / 1000).toFixed(1)} s`);
    healthchecks = await scheduleHealthchecks(engine, project);
    const started = Date.now();
    await compose.up(180_000);
    containers = await waitHealthy(engine, project, 4, 120_000).catch(async (err: unknown) => {
      const logs = await compose?.logs(20, 30_000).catch((e: unknown) => String(e));
      throw new Error(`${String(err)}\n${logs}`);
    });
    console.info(`[compose test] redis + 3 nodes healthy ${((Date.now() - started) / 1000).toFixed(1)} s after up`);
  }, 660_000);

  afterAll(async () => {
    await healthchecks?.stop();
    if (compose === undefined) return;
    await compose.down(120_000);
  }, 150_000);

  it('runs every node as the non-root node user, healthy by the image\'s own HEALTHCHECK', () => {
    const nodes = containers.filter((c) => (c.Config.Labels['com.docker.compose.service'] ?? '').startsWith('node-'));
    expect(nodes.map((c) => c.Config.User)).toEqual(['node', 'node', 'node']);
    for (const node of nodes) expect(node.Config.Healthcheck?.Test.join(' ')).toContain('http://127.0.0.1:9200/');
  });

  it('submit on node a, stop on node b (partial), the same body from node c', async () => {
    const submitted = await call(ports.a, 'POST', '/_query/async', {
      query: SLOW,
      wait_for_completion_timeout: '1ms',
      keep_alive: '5m',
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ is_running: true });
    const id = submitted.body.id as string;

    await sleep(1_000); // let some rows through DELAY, so the partial count is not 0
    const stopped = await call(ports.b, 'POST', `/_query/async/${id}/stop`);
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body).toMatchObject({ id, is_running: false, is_partial: true, columns: [{ name: 'c', type: 'long' }] });
    const [[count]] = stopped.body.values as number[][];
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(20_000);

    const fromC = await call(ports.c, 'GET', `/_query/async/${id}`);
    expect(fromC.status).toBe(200);
    expect(fromC.body).toEqual(stopped.body);
  });
});

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

async function call(port: number, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
