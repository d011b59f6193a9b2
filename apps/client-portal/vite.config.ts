import { defineConfig } from 'vitest/config';
import { webAppConfig } from '../../tools/vite/switchboard-vite.config';

export default defineConfig(webAppConfig({ root: __dirname, name: 'client-portal', base: '/portal/', port: 4201 }));
