import { defineConfig } from 'vitest/config';
import { webLibTestConfig } from '../../../tools/vite/switchboard-vite.config';

export default defineConfig(webLibTestConfig({ root: __dirname, name: 'web-realtime' }));
