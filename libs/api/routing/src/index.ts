export * from './routing.module';
export * from './routing-events';
export * from './routing.exception';
export * from './routing-dispatcher.service';
export * from './offer.service';
export * from './queue.service';
export * from './routing-stats.service';
export * from './routing.dto';
