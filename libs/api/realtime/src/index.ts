export * from './socket-types';
export * from './io.adapter';
export * from './realtime.module';
