import type { ControlChannel, ControlCommand } from '../runtime/ports.js';

/**
 * Control commands between nodes of one process. Delivery is asynchronous (a microtask later), as over
 * a real channel, so a sender never runs the receiver's handler inside its own call stack.
 */
export class MemoryControlChannel implements ControlChannel {
  private readonly handlers = new Map<string, Set<(command: ControlCommand) => void>>();

  send(node: string, command: ControlCommand): Promise<void> {
    const set = this.handlers.get(node);
    if (set === undefined) return Promise.resolve();
    for (const handler of [...set]) {
      queueMicrotask(() => handler(command));
    }
    return Promise.resolve();
  }

  listen(node: string, handler: (command: ControlCommand) => void): Promise<() => void> {
    let set = this.handlers.get(node);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(node, set);
    }
    set.add(handler);
    return Promise.resolve(() => {
      const current = this.handlers.get(node);
      if (current === undefined) return;
      current.delete(handler);
      if (current.size === 0) this.handlers.delete(node);
    });
  }
}
