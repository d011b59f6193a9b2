import type { SlaContract, SlaContractVersion } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';

/** The client's contract (every version, in order), or null when it has none. */
export async function readContract(m: EntityManager, clientId: string): Promise<SlaContract | null> {
  const rows = await m.query<{ version: number; effective_to: string | null; definition: Omit<SlaContractVersion, 'version'> }[]>(
    'SELECT version, effective_to, definition FROM sla_contract_versions WHERE client_id = $1 ORDER BY version',
    [clientId],
  );
  if (rows.length === 0) return null;
  return { clientId, versions: rows.map((r) => ({ ...r.definition, version: r.version, effectiveTo: r.effective_to })) };
}
