/**
 * Vite plugin: after the browser build, builds the server-rendering entry (src/app/ssr/render.tsx)
 * for Node into `<outDir>/.ssr/render.js`, so one `vite build` makes both and they always match.
 * The folder starts with a dot: the server's static files never include it (dotfiles ignored).
 *
 * Packages stay external (React, i18next... are loaded from node_modules by the server); styles
 * are not emitted, since the browser build has them.
 */
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Plugin, type ResolvedConfig } from 'vite';

export const SSR_DIR = '.ssr';

export function ssrBundle(entry: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'nr-ssr-bundle',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (config.build.ssr) return;
        await build({
          configFile: false,
          root: config.root,
          mode: config.mode,
          logLevel: 'warn',
          publicDir: false,
          plugins: [react()],
          build: {
            ssr: entry,
            outDir: join(config.root, config.build.outDir, SSR_DIR),
            emptyOutDir: true,
            sourcemap: false,
            target: 'node20',
            rollupOptions: { output: { entryFileNames: 'render.js' } },
          },
        });
      },
    },
  };
}
