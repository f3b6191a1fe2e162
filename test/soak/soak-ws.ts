import { isDone, WsTestClient, type Frame } from '../ws/ws-test-client.js';
import { checkFinished, type AsyncBody } from './soak-check.js';
import type { SoakQuery } from './soak-plan.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const answerTo = (ref: string) => (f: Frame) => (f.type === 'submitted' || f.type === 'error') && f.ref === ref;
const answerFor = (id: string, type: string) => (f: Frame) => (f.type === type || f.type === 'error') && f.id === id;

/**
 * One WebSocket connection of the soak: submits its queries at once, then stops, deletes or waits for
 * them. A `cut` connection is terminated without a close frame while its queries run; returns how many
 * of them had not finished at that moment.
 */
export async function runWsConnection(baseUrl: string, queries: SoakQuery[], cut: boolean, problems: string[]): Promise<number> {
  const client = await WsTestClient.open(baseUrl);
  for (const q of queries) {
    client.send({ type: 'submit', ref: `q${q.index}`, query: q.shape.query, keep_alive: q.action === 'expire' ? '1s' : '1d' });
  }
  await Promise.all(
    queries.map(async (q) => {
      const answer = await client.next(answerTo(`q${q.index}`));
      if (answer.type !== 'submitted') problems.push(`#${q.index} ws submit: ${JSON.stringify(answer)}`);
      else {
        q.id = answer.id as string;
            }
    }),
  );
  if (cut) {
    await sleep(queries[0]?.actionDelayMs ?? 0);
    const running = queries.filter((q) => q.id !== undefined && client.ofType('status', q.id).every((f) => f.state !== 'done'));
    client.ws.terminate();
    await client.closed;
    return running.length;
  }
  await Promise.all(queries.map((q) => act(client, q, problems)));
  client.close();
  await client.closed;
  return 0;
}

async function act(client: WsTestClient, q: SoakQuery, problems: string[]): Promise<void> {
  const id = q.id;
  if (id === undefined) return;
  await sleep(q.actionDelayMs);
  switch (q.action) {
    case 'stop': {
      client.send({ type: 'stop', id });
      const answer = await client.next(answerFor(id, 'result'));
      if (answer.type === 'result') checkFinished(q, answer.body as AsyncBody, problems, 'ws stop');
      else problems.push(`#${q.index} ws stop: ${JSON.stringify(answer)}`);
      return;
    }
    case 'delete': {
      client.send({ type: 'delete', id });
      const answer = await client.next(answerFor(id, 'deleted'));
      if (answer.type !== 'deleted') problems.push(`#${q.index} ws delete: ${JSON.stringify(answer)}`);
      return;
    }
    case 'none':
      // The `done` status is always delivered to a subscriber (README, WebSocket).
      await client.next(isDone(id));
      return;
    default:
      return;
  }
}
