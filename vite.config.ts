import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/vite-precompress';
import { ssrBundle } from './scripts/vite-ssr';

// The manifest is served by the API from the council configuration (name, colours), so the
// plugin builds only the service worker; see src/server/routes/app-shell.ts. The server renders
// the first page from a second, Node build of the same components (scripts/vite-ssr.ts).
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // The map chunk (leaflet) is precached too, so the map works offline with viewed tiles.
      },
      devOptions: { enabled: false },
    }),
    ssrBundle('src/app/ssr/render.tsx'),
    precompress(),
  ],
  build: {
    rollupOptions: {
      output: {
        // The map (leaflet + react-leaflet, loaded only with the map) is named map-*.js.
        chunkFileNames: (chunk) =>
          chunk.name === 'LocationMap' ? 'assets/map-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
    outDir: 'dist',
    // dist/.vite/manifest.json: the stylesheets of the lazily loaded pages the server renders
    // (src/server/ssr/page-renderer.ts).
    manifest: true,
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: {
      '/open311': 'http://127.0.0.1:8080',
      '/api': 'http://127.0.0.1:8080',
      '/manifest.webmanifest': 'http://127.0.0.1:8080',
    },
  },
});
