import { vi } from 'vitest';
import { ENGINE, SLOWER } from './capabilities';

// Every test file: on the embedded PGlite (one WASM session serving every connection in turn) the same work takes
// a few times longer than on PostgreSQL, so the default test and hook time limits grow by the same factor there.
if (ENGINE === 'pglite') vi.setConfig({ testTimeout: 60_000 * SLOWER, hookTimeout: 180_000 * SLOWER });
