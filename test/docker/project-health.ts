import type { ContainerDetails, ContainerEngine } from './container-engine.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Podman without systemd never runs HEALTHCHECKs by itself (it schedules them with systemd timers), so
 * `depends_on: condition: service_healthy` would wait forever. Until `stop()` is called this runs, once a
 * second, the healthcheck of every running container of the project that is not healthy yet: the check the
 * image and compose.yaml define, run by the engine, only scheduled from here. On Docker it does nothing.
 */
export async function scheduleHealthchecks(engine: ContainerEngine, project: string): Promise<{ stop(): Promise<void> }> {
  if (!(await engine.isPodman())) return { stop: () => Promise.resolve() };
  let running = true;
  const loop = (async () => {
    while (running) {
      const containers = await engine.projectContainers(project).catch(() => []);
      for (const c of containers) {
        if (c.State === 'running' && !c.Status.includes('(healthy)')) await engine.runHealthcheck(c.Id).catch(() => undefined);
      }
      await sleep(1000);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Waits until `expected` containers of the project exist and all report healthy; returns their details. */
export async function waitHealthy(
  engine: ContainerEngine,
  project: string,
  expected: number,
  timeoutMs: number,
): Promise<ContainerDetails[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const containers = await engine.projectContainers(project);
    const details = await Promise.all(containers.map((c) => engine.inspect(c.Id)));
    if (details.length === expected && details.every((d) => d.State.Health?.Status === 'healthy')) return details;
    if (Date.now() > deadline) {
      const states = details.map((d) => `${d.Name}: ${d.State.Health?.Status ?? 'no healthcheck'} ${lastCheck(d)}`);
      throw new Error(`compose project ${project} not healthy after ${timeoutMs} ms:\n${states.join('\n')}`);
    }
    await sleep(500);
  }
}

function lastCheck(d: ContainerDetails): string {
  const log = d.State.Health?.Log ?? [];
  return log.length === 0 ? '' : `(last check: ${log[log.length - 1].Output.trim().slice(0, 200)})`;
}
