export * from './client.entity';
export * from './inbox.entity';
export * from './tenancy.exception';
export * from './tenancy.service';
export * from './client-admin.service';
export * from './tenancy.module';
