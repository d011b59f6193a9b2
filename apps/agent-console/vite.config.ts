import { defineConfig } from 'vitest/config';
import { webAppConfig } from '../../tools/vite/switchboard-vite.config';

export default defineConfig(webAppConfig({ root: __dirname, name: 'agent-console', base: '/', port: 4200 }));
