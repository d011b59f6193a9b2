import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { TenantDatabase } from './tenant-database.service';

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
          extra: { max: options.poolSize, connectionTimeoutMillis: 5_000 },
          retryAttempts: 3,
          retryDelay: 500,
        }),
      ],
      providers: [TenantDatabase],
      exports: [TenantDatabase],
    };
  }
}
