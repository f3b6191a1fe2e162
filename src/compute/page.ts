import type { Block } from './block.js';

/**
 * A batch of rows as columns, ES's Page: `blocks[channel]` holds column `channel`, every block has
 * `positionCount` positions. The mapping from names to channels is the planner's Layout, not the Page's.
 */
export interface Page {
  readonly positionCount: number;
  readonly blocks: readonly Block[];
}

export const page = (positionCount: number, blocks: readonly Block[]): Page => ({ positionCount, blocks });
