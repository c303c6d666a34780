import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, once, at
 * the highest levels: the server sends the one the browser accepts without compressing per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'atrium-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const [name, item] of Object.entries(bundle)) {
        if (!/\.(js|mjs|css|html|svg|json)$/.test(name)) continue;
        const data = Buffer.from(item.type === 'chunk' ? item.code : item.source);
        if (data.length < 1024) continue;
        const file = path.join(outDir, name);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * Puts the entry's stylesheet inside `index.html` instead of linking it: on a slow network a
 * linked stylesheet blocks the first paint for another round trip (≥ 560 ms on "Fast 3G"), while
 * inline the shell paints as soon as the HTML arrives (bench/web/fcp.ts). The CSP allows inline
 * styles; the HTML is sent compressed (brotli or gzip, by the copies `precompress` writes). Lazy
 * chunks keep their own stylesheets (the staff console's).
 */
function inlineEntryCss(): Plugin {
  return {
    name: 'atrium-inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        return html.replace(
          /<link rel="stylesheet"[^>]*?href="\/([^"]+\.css)"[^>]*>/g,
          (tag, name: string) => {
            const asset = bundle[name];
            if (asset?.type !== 'asset') return tag;
            const css = String(asset.source);
            // a stylesheet never holds this, but a literal one would end the element early
            if (css.includes('</style')) return tag;
            delete bundle[name];
            return `<style>${css}</style>`;
          },
        );
      },
    },
  };
}

// Workspace packages export their TypeScript sources under the `source` condition: the web app
// bundles the SDK and contracts as written, without building them first.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), inlineEntryCss(), precompress()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/media': 'http://127.0.0.1:3000' },
  },
});
