export * from './shift-schedule.util';
export * from './login-throttle.util';
export * from './presence.util';
