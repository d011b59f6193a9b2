export * from './lib/realtime.types';
export * from './lib/realtime-connection.util';
export * from './lib/realtime.store';
export * from './lib/use-connection-state';
// Test double with the same typed surface (tree-shaken out of app builds).
export * from './lib/fake-connection.util';
