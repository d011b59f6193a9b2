import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  action: string;
  actorUserId: string | null;
  /** The client whose data the action touched; null for provider-wide actions. */
  clientId: string | null;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  requestId?: string | null;
  address?: string | null;
}

/** Writes audit entries inside the caller's transaction, so an action and its record commit together. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    // Plain INSERT without RETURNING: the application may append rows it is not allowed to read back.
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, client_id, action, target_type, target_id, details, request_id, address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.actorUserId, entry.clientId, entry.action, entry.targetType ?? null, entry.targetId ?? null, entry.details ?? {}, entry.requestId ?? null, entry.address ?? null],
    );
  }
}
