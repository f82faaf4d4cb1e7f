// Serves the built site (dist/, or another build's folder) on 127.0.0.1:PORT, gzip-compressed as a
// real static host sends it, until killed. scripts/lighthouse.sh measures through it.
// Usage: node scripts/serve.mjs 8765 [folder]
import path from 'node:path';
import { serve, DIST } from '../tests/e2e/harness.mjs';

const dir = process.argv[3] ? path.resolve(process.argv[3]) : DIST;
const server = await serve({ dir, gzip: true, port: Number(process.argv[2] ?? 8765) });
console.log(`serving ${dir} at ${server.url} (gzip)`);
