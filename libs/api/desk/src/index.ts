export * from './desk.module';
export * from './desk.service';
