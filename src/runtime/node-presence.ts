import type { Clock, ControlChannel, ControlCommand, NodeRegistry } from './ports.js';

export interface NodePresenceOptions {
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTtlMs: number;
}

/**
 * This node as the others see it: a heartbeat in the NodeRegistry (a TTL key, so a node that dies
 * drops out by itself) and its ControlChannel, on which other nodes send stop and cancel for the
 * queries it runs. `close()` stops both and deregisters, best effort.
 */
export class NodePresence {
  private timer: unknown;
  private closed = false;
  private readonly unlisten: Promise<() => void>;

  constructor(
    private readonly ports: { readonly nodes: NodeRegistry; readonly control: ControlChannel; readonly clock: Clock },
    private readonly nodeId: string,
    options: NodePresenceOptions,
    onControl: (command: ControlCommand) => void,
  ) {
    this.unlisten = ports.control.listen(nodeId, onControl);
    this.unlisten.catch(() => undefined);
    const beat = () => {
      if (this.closed) return;
      ports.nodes.heartbeat(nodeId, options.heartbeatTtlMs).catch(() => undefined);
      this.timer = ports.clock.setTimeout(beat, options.heartbeatIntervalMs);
    };
    beat();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) this.ports.clock.clearTimeout(this.timer);
    try {
      (await this.unlisten)();
      await this.ports.nodes.deregister(this.nodeId);
    } catch {
      // Best effort: the heartbeat TTL retires this node anyway.
    }
  }
}
