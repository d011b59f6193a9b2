import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantDatabase } from '@switchboard/api-database';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { OutboxEntry } from '@switchboard/shared-contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

class OutboxQuery {
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** The local outbox: what would have gone to a mail server or a provider API that is not configured. */
@ApiTags('outbox')
@ApiBearerAuth()
@Controller('outbox')
export class OutboxController {
  constructor(private readonly tenants: TenantDatabase) {}

  /** Newest first, for the admin's clients (all clients for an admin). */
  @Get()
  @Roles('admin')
  list(@CurrentPrincipal() principal: Principal, @Query() query: OutboxQuery): Promise<OutboxEntry[]> {
    return this.tenants.run(principal, async (m) => {
      const rows = await m.query<(Omit<OutboxEntry, 'createdAt'> & { createdAt: Date })[]>(
        `SELECT id, client_id AS "clientId", kind, recipient, subject, payload, created_at AS "createdAt"
           FROM local_outbox WHERE ($1::uuid IS NULL OR client_id = $1) ORDER BY created_at DESC LIMIT $2`,
        [query.clientId ?? null, query.limit ?? 50],
      );
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    });
  }
}
