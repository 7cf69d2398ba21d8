import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
// `vite --config web/widget/vite.config.ts` serves web/widget/index.html against a running server.
const backend = process.env.ATENDE_API_URL ?? 'http://localhost:3000';

/**
 * The embeddable web chat: ONE self-contained file, web/dist/widget.js (socket.io-client
 * inside), built after the app (whose build empties web/dist) without emptying it again.
 */
export default defineConfig({
  root: here,
  publicDir: false,
  build: {
    outDir: path.join(here, '../dist'),
    emptyOutDir: false,
    // es2022 keeps class fields native: older targets add helpers OUTSIDE the IIFE, as globals of the host page.
    target: 'es2022',
    sourcemap: false,
    lib: {
      entry: path.join(here, 'src/main.ts'),
      name: 'AtendeWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
  server: {
    proxy: {
      '/webchat': { target: backend, changeOrigin: true },
      '/realtime': { target: backend, changeOrigin: true, ws: true },
    },
  },
});
