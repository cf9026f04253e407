// Where the example apps are installed and built: a copy outside the repository, so that Node's module
// resolution, which walks up the folders, can never find a package in the repository's own node_modules (an app
// that forgot a dependency, such as the optional peer @lit/react, would otherwise work here and fail for users).
// One folder per checkout; NRICH_EXAMPLES_WORKDIR overrides it.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXAMPLES_SOURCE = path.resolve('demo/examples');

export const EXAMPLES_WORKDIR =
  process.env.NRICH_EXAMPLES_WORKDIR ??
  path.join(tmpdir(), 'nrich-connect-examples', createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12));
