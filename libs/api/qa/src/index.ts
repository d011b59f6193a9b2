export * from './qa.module';
export * from './evaluation-submitted.event';
export * from './dispute-updated.event';
