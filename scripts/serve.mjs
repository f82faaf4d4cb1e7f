// Serves the built site (dist/) on 127.0.0.1:PORT, gzip-compressed as a real static host sends it,
// until killed. scripts/lighthouse.sh measures through it. Usage: node scripts/serve.mjs 8765
import { serve } from '../tests/e2e/harness.mjs';

const server = await serve({ gzip: true, port: Number(process.argv[2] ?? 8765) });
console.log(`serving dist/ at ${server.url} (gzip)`);
