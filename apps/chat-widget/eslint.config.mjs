import base from '../../eslint.config.mjs';

export default [
  ...base,
  {
    // Visitors and agents write the widget's texts: they are only ever shown as text.
    files: ['**/*.vue'],
    rules: { 'vue/no-v-html': 'error' },
  },
];
