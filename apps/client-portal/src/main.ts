import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { createWebHistory } from 'vue-router';
import { configureApi } from '@switchboard/web-data-access';
import { AppRoot, installPrimeVue } from '@switchboard/web-ui';
import { createPortalRouter } from './app.router';

configureApi({ storageKey: 'switchboard.client-portal.session' });

const app = createApp(AppRoot);
app.use(createPinia());
app.use(createPortalRouter(createWebHistory(import.meta.env.BASE_URL)));
installPrimeVue(app);
app.mount('#app');
