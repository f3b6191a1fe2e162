import type { KeepAliveClient } from './keep-alive-client.js';
import { checkFinished } from './soak-check.js';
import type { SoakQuery } from './soak-plan.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const path = (id: string, suffix = '') => `/_query/async/${encodeURIComponent(id)}${suffix}`;

/** One HTTP query of the soak, submit to action; every deviation from the ES contract goes to `problems`. */
export async function runHttpQuery(client: KeepAliveClient, q: SoakQuery, problems: string[]): Promise<void> {
  const submitted = await client.send('POST', '/_query/async', {
    query: q.shape.query,
    // Keep even results that finish within the wait: the soak reads every surviving query back by id.
    keep_on_completion: true,
    wait_for_completion_timeout: q.shape.slow ? '0s' : '100ms',
    keep_alive: q.action === 'expire' ? '1s' : '1d',
  });
  if (submitted.status !== 200 || typeof submitted.body?.id !== 'string') {
    problems.push(`#${q.index} submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    return;
  }
  const id = submitted.body.id;
  q.id = id;
  if (submitted.body.is_running === false) checkFinished(q, submitted.body, problems, 'submit');
  await sleep(q.actionDelayMs);
  switch (q.action) {
    case 'stop': {
      const stopped = await client.send('POST', path(id, '/stop'));
      if (stopped.status !== 200) problems.push(`#${q.index} stop: ${stopped.status} ${JSON.stringify(stopped.body)}`);
      else checkFinished(q, stopped.body, problems, 'stop');
      return;
    }
    case 'delete': {
      const deleted = await client.send('DELETE', path(id));
      if (deleted.status !== 200 || deleted.body?.acknowledged !== true) {
        problems.push(`#${q.index} delete: ${deleted.status} ${JSON.stringify(deleted.body)}`);
      }
      return;
    }
    case 'get-wait': {
      const got = await client.send('GET', path(id, '?wait_for_completion_timeout=5s'));
      if (got.status !== 200) problems.push(`#${q.index} get-wait: ${got.status} ${JSON.stringify(got.body)}`);
      else if (got.body?.is_running === false) checkFinished(q, got.body, problems, 'get-wait');
      return;
    }
    case 'disconnect':
      // A GET that waits for completion, cut after a few ms: the query must not notice its reader left.
      await client.sendAndAbort('GET', path(id, '?wait_for_completion_timeout=5s'), 5 + (q.actionDelayMs % 40));
      return;
    default:
      return;
  }
}
