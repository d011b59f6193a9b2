import type { App } from 'vue';
import PrimeVue from 'primevue/config';
import Aura from '@primeuix/themes/aura';
import { definePreset } from '@primeuix/themes';

/**
 * Aura's severities fill buttons with their 500 shade and write outlined and text buttons in it:
 * white on green-500 is 2.3:1, green-500 on white the same. These shades read at 4.5:1 or better
 * (WCAG AA for normal text), solid and outlined alike, hovered too: a text button's hover puts its
 * 50 tint behind it, and red-600 on red-50 was 4.41:1, so danger is red-700 (5.9:1 on red-50, white
 * on it 6.5:1). Axe checks the screens in the e2e tests.
 */
const READABLE_SEVERITIES = { info: ['sky', 700], success: ['green', 700], warn: ['orange', 700], help: ['purple', 600], danger: ['red', 700] } as const;

function readableButtons() {
  const solid: Record<string, object> = {};
  const line: Record<string, object> = {};
  for (const [severity, [hue, shade]] of Object.entries(READABLE_SEVERITIES)) {
    const tone = (step: number) => `{${hue}.${shade + step}}`;
    solid[severity] = { background: tone(0), hoverBackground: tone(100), activeBackground: tone(200), borderColor: tone(0), hoverBorderColor: tone(100), activeBorderColor: tone(200), color: '#ffffff', hoverColor: '#ffffff', activeColor: '#ffffff', focusRing: { color: tone(0), shadow: 'none' } };
    line[severity] = { color: tone(0) };
  }
  return { light: { root: solid, outlined: line, text: line } };
}

function readableMessages() {
  const tones = { info: '{blue.700}', success: '{green.700}', warn: '{yellow.800}', error: '{red.700}' };
  return Object.fromEntries(Object.entries(tones).map(([severity, color]) => [severity, { color, outlined: { color }, simple: { color } }]));
}

/** Aura with a calm indigo primary: the one look of every Switchboard app. */
export const switchboardPreset = definePreset(Aura, {
  components: {
    button: { colorScheme: readableButtons() },
    // Unchosen options of a SelectButton: surface-500 on surface-100 is 4.3:1; one shade darker passes.
    togglebutton: { colorScheme: { light: { root: { color: '{surface.600}' }, icon: { color: '{surface.600}' } } } },
    // Messages write in their 600 shade on their 50 tint: green-600 on green-50 is 3.2:1 (a saved notice failed axe). One or two shades darker read at 4.5:1 or better.
    message: { colorScheme: { light: readableMessages() } },
  },
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
    // Aura fills primary buttons with the 500 shade: white on indigo-500 is 4.46:1, just under WCAG
    // AA's 4.5:1 for normal text. One shade darker reads at 6.3:1 (axe checks it in the e2e tests).
    colorScheme: {
      light: {
        primary: { color: '{primary.600}', contrastColor: '#ffffff', hoverColor: '{primary.700}', activeColor: '{primary.800}' },
        // Muted text (hints, times, previews) on the tinted surfaces it sits on: surface-500 reads at 4.1–4.3:1, surface-600 at 6.5:1 or better.
        text: { mutedColor: '{surface.600}' },
      },
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
