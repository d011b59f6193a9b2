import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { ConnectionLanes } from './connection-lanes.util';
import { CONNECTION_LANES, TenantDatabase } from './tenant-database.service';

/** The application role's connection URL, for the few services that hold a connection of their own (LISTEN). */
export const DATABASE_APP_URL = Symbol('DATABASE_APP_URL');

/** How long a caller waits for a connection before it is told the service is busy (as long as the pool's own connect timeout). */
const CONNECTION_WAIT_MS = 5_000;

export interface DatabaseModuleOptions {
  /** Connection of the RLS-bound application role. */
  url: string;
  poolSize: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          entities: options.entities,
          synchronize: false,
          migrationsRun: false,
          logging: false,
          extra: { max: options.poolSize, connectionTimeoutMillis: CONNECTION_WAIT_MS },
          retryAttempts: 3,
          retryDelay: 500,
        }),
      ],
      providers: [{ provide: CONNECTION_LANES, useValue: new ConnectionLanes(options.poolSize, CONNECTION_WAIT_MS) }, { provide: DATABASE_APP_URL, useValue: options.url }, TenantDatabase],
      exports: [TenantDatabase, DATABASE_APP_URL],
    };
  }
}
