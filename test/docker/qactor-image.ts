import type { ComposeProject } from './compose-project.js';
import type { ContainerEngine } from './container-engine.js';
import { imageContextHash } from './image-context-hash.js';

const REPOSITORY = 'localhost/qactor';
/** What docker/Dockerfile's FROM names by default. */
const BASE_IMAGE = 'node:20';

/** The image name compose.yaml's QACTOR_IMAGE should name for the sources under `root`. */
export async function qactorImageName(engine: ContainerEngine, root: string): Promise<string> {
  const baseId = await engine.imageId(BASE_IMAGE);
  if (baseId === undefined) {
    throw new Error(`the engine has no ${BASE_IMAGE} image: run \`bash docker/node-base-image.sh\` (or pull it)`);
  }
  return `${REPOSITORY}:ctx-${imageContextHash(root, baseId)}`;
}

/**
 * Builds `image` through compose unless the engine already has it (built from the same sources). After a
 * build, images of older sources and the build stage's leftovers are removed, so repeated local runs do not
 * fill the disk with ~260 MB per source change.
 */
export async function ensureQactorImage(
  engine: ContainerEngine,
  compose: ComposeProject,
  image: string,
  timeoutMs: number,
): Promise<'built' | 'reused'> {
  if ((await engine.imageId(image)) !== undefined) return 'reused';
  await compose.build('node-a', timeoutMs);
  if ((await engine.imageId(image)) === undefined) throw new Error(`compose built no ${image}`);
  const stale = (await engine.images(REPOSITORY))
    .flatMap((i) => i.RepoTags ?? [])
    .filter((tag) => tag.startsWith(`${REPOSITORY}:ctx-`) && tag !== image);
  for (const tag of stale) await engine.removeImage(tag);
  await engine.pruneUntagged('org.qactor.stage=build');
  return 'built';
}
