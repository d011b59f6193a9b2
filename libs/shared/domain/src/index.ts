export * from './shift-schedule.util';
export * from './login-throttle.util';
export * from './presence.util';
export * from './card-masking.util';
export * from './pii-display.util';
export * from './email-threading.util';
export * from './ticket-rules.util';
export * from './widget-availability.util';
