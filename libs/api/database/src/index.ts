export * from './embedded-postgres.util';
export * from './database-bootstrap.util';
export * from './tenant-database.service';
export * from './database.module';
export * from './connection-lanes.util';
export * from './database-outage.util';
export * from './pg-rate.counter';
