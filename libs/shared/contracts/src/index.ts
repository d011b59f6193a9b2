export * from './errors.contract';
export * from './identity.contract';
export * from './tenancy.contract';
export * from './presence.contract';
export * from './tickets.contract';
export * from './realtime.contract';
export * from './routing.contract';
export * from './desk.contract';
