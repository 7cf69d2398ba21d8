// `npm start` builds the web app only when its sources are newer than the last build,
// so a second start is immediate.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(root, 'web/src')), newest(join(root, 'contracts')), statSync(join(root, 'web/index.html')).mtimeMs);
const appStale = !existsSync(built) || statSync(built).mtimeMs < sources;
if (appStale) {
  console.log('Building the web app…');
  execSync('npx vite build --config web/vite.config.ts --logLevel warn', { cwd: root, stdio: 'inherit' });
}
// The app's build empties web/dist, so the web chat widget follows it, and its own sources.
const widget = join(root, 'web/dist/widget.js');
if (appStale || !existsSync(widget) || statSync(widget).mtimeMs < newest(join(root, 'web/widget'))) {
  console.log('Building the web chat widget…');
  execSync('npx vite build --config web/widget/vite.config.ts --logLevel warn', { cwd: root, stdio: 'inherit' });
}
