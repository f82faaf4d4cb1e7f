// Trunk post-build hook: moves Trunk's inline module loader out of index.html into its own file,
// so that the site runs under `script-src 'self' 'wasm-unsafe-eval'` with no inline script.
// The file's name carries a hash of its content, like Trunk's own assets.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('csp-loader: run as a Trunk post_build hook (TRUNK_STAGING_DIR unset)'); process.exit(2); }
const file = path.join(dir, 'index.html');
const html = fs.readFileSync(file, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) { console.log('csp-loader: no inline loader to move'); process.exit(0); }
const code = match[1].trim() + '\n';
const hash = crypto.createHash('sha384').update(code).digest('base64');
const name = `loader-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
fs.writeFileSync(path.join(dir, name), code);
fs.writeFileSync(file, html.replace(inline, `<script type="module" src="./${name}" integrity="sha384-${hash}"></script>`));
console.log(`csp-loader: loader moved to ${name}`);
