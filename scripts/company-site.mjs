// Trunk post-build hook: puts the Company view (built from company.html by
// `trunk build company.html --release --dist target/company-site`) into the calculator's site as
// company/, so that `trunk build` and `trunk serve` of index.html both serve it and the
// calculator's own files stay as they were. A build of company.html itself is left alone.
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const html = path.basename(process.env.TRUNK_HTML_FILE ?? '');
if (!staging) { console.error('company-site: run as a Trunk post_build hook (TRUNK_STAGING_DIR unset)'); process.exit(2); }
if (html !== 'index.html') process.exit(0);
const built = path.resolve(process.env.TRUNK_SOURCE_DIR ?? '.', 'target/company-site');
if (!fs.existsSync(path.join(built, 'index.html'))) {
  console.log('company-site: no Company view built (target/company-site): the site has the calculator only');
  process.exit(0);
}
fs.cpSync(built, path.join(staging, 'company'), { recursive: true, filter: (src) => !src.includes(`${path.sep}.stage`) });
console.log('company-site: the Company view copied into company/');
