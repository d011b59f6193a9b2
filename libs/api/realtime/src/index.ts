export * from './socket-types';
export * from './io.adapter';
export * from './realtime.module';
export * from './fan-out.service';
export * from './node-lifecycle.service';
