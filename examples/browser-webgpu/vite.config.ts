import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs, so the built page works from any folder or sub-path of a static server.
  base: './',
  build: {
    // WebGPU browsers all support top-level await and modern syntax.
    target: 'es2022',
    // tfjs is large; a 2 MB chunk is expected here, not a mistake worth warning about.
    chunkSizeWarningLimit: 4096,
  },
});
