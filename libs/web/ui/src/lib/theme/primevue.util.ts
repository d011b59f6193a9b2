import type { App } from 'vue';
import PrimeVue from 'primevue/config';
import Aura from '@primeuix/themes/aura';
import { definePreset } from '@primeuix/themes';

/** Aura with a calm indigo primary: the one look of every Switchboard app. */
export const switchboardPreset = definePreset(Aura, {
  semantic: {
    primary: {
      50: '{indigo.50}',
      100: '{indigo.100}',
      200: '{indigo.200}',
      300: '{indigo.300}',
      400: '{indigo.400}',
      500: '{indigo.500}',
      600: '{indigo.600}',
      700: '{indigo.700}',
      800: '{indigo.800}',
      900: '{indigo.900}',
      950: '{indigo.950}',
    },
  },
});

export interface InstallPrimeVueOptions {
  /** Tests skip the theme's CSS: they look at roles and text, not pixels. */
  theme?: boolean;
}

export function installPrimeVue(app: App, options: InstallPrimeVueOptions = {}): void {
  app.use(PrimeVue, {
    theme:
      options.theme === false
        ? 'none'
        : {
            preset: switchboardPreset,
            // Light only for now: the apps' own CSS is written for a light surface.
            options: { darkModeSelector: '.switchboard-dark', cssLayer: false },
          },
  });
}
